package coach

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// The search before the bitsets, kept as the oracle the bitset search is
// held to (TestBitsetSearchMatchesCandidates): one candidate per text
// match, filtered, counted and sorted one by one.

// candidate is what the search reads per matching coach: one narrow row.
type candidate struct {
	id       int64
	tags     int64
	fee      int64
	sliding  bool
	verified bool
	next     *time.Time
	score    int
	values   [4]int8 // single-valued facets by slot (fee, sliding, verified, available): option code, -1 none
}

// singleValues fills the candidate's single-valued facets — fee range,
// sliding places, credentials and availability (the last two depend on
// now) — as small codes, not strings or a map: a search fills one per
// matching coach (tens of thousands), and pointer-free values keep the
// garbage collector out of it.
func singleValues(c *candidate, now time.Time) {
	c.values = [4]int8{feeCode(c.fee), -1, 1, -1}
	if c.sliding {
		c.values[slotSliding] = 0
	}
	if c.verified {
		c.values[slotVerified] = 0
	}
	if c.next != nil && !c.next.After(now.Add(AvailableWithin)) {
		c.values[slotAvailable] = 0
	}
}

// Slots of candidate.values.
const (
	slotFee = iota
	slotSliding
	slotVerified
	slotAvailable
)

// codes is how many codes a slot has.
func codes(slot int) int {
	switch slot {
	case slotFee:
		return len(FeeRanges)
	case slotVerified:
		return 2
	}
	return 1
}

// codeValue is the facet value a code stands for ("" for none).
func codeValue(slot int, code int8) string {
	if code < 0 {
		return ""
	}
	switch slot {
	case slotFee:
		return FeeRanges[code].Value
	case slotSliding:
		return "yes"
	case slotVerified:
		return [2]string{"verified", "in_training"}[code]
	}
	return "72h"
}

func valueSlot(facet string) int {
	switch facet {
	case FacetFee:
		return slotFee
	case FacetSliding:
		return slotSliding
	case FacetVerified:
		return slotVerified
	}
	return slotAvailable
}

// facetPlan is one facet of a query resolved once per search: the tag
// bits of its options or the value codes, and what is selected, so the
// per-coach loop compares integers instead of looking names up.
type facetPlan struct {
	tag     bool
	bits    []int64 // per option (tag facets)
	slot    int     // single-valued facets: index into candidate.values
	optOf   [8]int  // single-valued facets: option index of each code (-1: none)
	active  bool    // something is selected
	selMask int64   // tag facets: any of these bits
	selCode [8]bool // single-valued facets: selected codes
}

func planFacets(opts []TagFacet, q Query) []facetPlan {
	plans := make([]facetPlan, len(opts))
	for i, f := range opts {
		p := &plans[i]
		_, p.tag = facetByName(f.Name)
		p.slot = valueSlot(f.Name)
		for code := range p.optOf {
			p.optOf[code] = -1
			if p.tag || code >= codes(p.slot) {
				continue
			}
			for j, o := range f.Options {
				if o.Value == codeValue(p.slot, int8(code)) {
					p.optOf[code] = j
				}
			}
		}
		for _, o := range f.Options {
			bit, _ := tagBit(f.Name, o.Value)
			p.bits = append(p.bits, bit)
		}
		for _, val := range q.Filters[f.Name] {
			p.active = true
			if bit, ok := tagBit(f.Name, val); ok {
				p.selMask |= bit
			}
			for code, j := range p.optOf {
				if j >= 0 && f.Options[j].Value == val {
					p.selCode[code] = true
				}
			}
		}
	}
	return plans
}

// matches reports whether c passes the query's filter on this facet.
func (p *facetPlan) matches(c *candidate) bool {
	switch {
	case !p.active:
		return true
	case p.tag:
		return c.tags&p.selMask != 0
	}
	code := c.values[p.slot]
	return code >= 0 && p.selCode[code]
}

// count adds c to the counts of the option values it has.
func (p *facetPlan) count(c *candidate, counts []int) {
	if !p.tag {
		if code := c.values[p.slot]; code >= 0 && p.optOf[code] >= 0 {
			counts[p.optOf[code]]++
		}
		return
	}
	for j, bit := range p.bits {
		if c.tags&bit != 0 {
			counts[j]++
		}
	}
}

// filterAndCount applies the filters and counts facet values in one pass:
// a coach failing no facet counts everywhere; failing exactly one facet,
// it counts only towards that facet's values.
func filterAndCount(cands []candidate, q Query) ([]candidate, []FacetCount) {
	opts := facetOptions()
	plans := planFacets(opts, q)
	counts := make([][]int, len(opts))
	for i := range opts {
		counts[i] = make([]int, len(opts[i].Options))
	}
	var matched []candidate
	for ci := range cands {
		c := &cands[ci]
		failed, fails := -1, 0
		for i := range plans {
			if !plans[i].matches(c) {
				failed, fails = i, fails+1
			}
		}
		if fails > 1 {
			continue
		}
		if fails == 0 {
			matched = append(matched, *c)
		}
		for i := range plans {
			if fails == 1 && i != failed {
				continue
			}
			plans[i].count(c, counts[i])
		}
	}
	return matched, facetCounts(opts, counts, q)
}

func sortCandidates(cs []candidate, order string) {
	slices.SortFunc(cs, orderBy(order))
}

// firstSorted returns the first n of cs in order (the page and those
// before it) without sorting all of them: a search matching 45,000
// coaches shows twenty. The order is total (ties by id), so this is the
// full sort's prefix.
func firstSorted(cs []candidate, order string, n int) []candidate {
	if n >= len(cs)/8 {
		sortCandidates(cs, order)
		return cs[:min(n, len(cs))]
	}
	less := orderBy(order)
	top := make([]candidate, 0, n+1)
	for _, c := range cs {
		if len(top) == n && less(c, top[n-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, c, less)
		top = slices.Insert(top, i, c)
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

func orderBy(order string) func(a, b candidate) int {
	return func(a, b candidate) int {
		var c int
		switch order {
		case SortRelevance:
			c = cmp.Compare(b.score, a.score)
		case SortAvailability:
			c = compareNext(a.next, b.next)
		case SortFee:
			c = cmp.Compare(a.fee, b.fee)
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	}
}

// compareNext orders known slots earliest first, unknown last.
func compareNext(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

// candidates returns the published coaches matching every term (the last
// as a prefix), scored as the SQL search scores them.
func (ix *directoryIndex) candidates(ctx context.Context, db *store.DB, terms []string, now time.Time) ([]candidate, error) {
	snap, text, err := ix.matching(ctx, db, terms)
	if err != nil {
		return nil, err
	}
	list := text.list
	if len(terms) == 0 {
		list = make([]match, len(snap.entries))
		for i := range list {
			list[i].entry = int32(i)
		}
	}
	out := make([]candidate, 0, len(list))
	for _, m := range list {
		e := &snap.entries[m.entry]
		c := candidate{id: e.id, tags: e.tags, fee: e.fee, sliding: e.sliding, score: len(terms) + int(m.score)}
		c.verified = e.verified && (!e.hasUntil || e.until > now.UnixNano())
		if e.hasNext && e.next >= now.UnixNano() {
			next := time.Unix(0, e.next).UTC()
			c.next = &next
		}
		singleValues(&c, now)
		out = append(out, c)
	}
	return out, nil
}

// TestBitsetSearchMatchesCandidates holds the bitset search to the
// candidate search it replaced: the same total, facet counts and page ids
// in the same order for texts × facet filters × sorts × pages, at times
// that move credentials past their expiry and slots in and out of the
// 72-hour window.
func TestBitsetSearchMatchesCandidates(t *testing.T) {
	ctx := context.Background()
	db := generatedDirectory(t, 400)
	ix := &directoryIndex{}
	base := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	filters := []map[string][]string{
		nil,
		{FacetSubstance: {"psilocybin"}},
		{FacetSubstance: {"psilocybin", "mdma"}, FacetFormat: {"video"}},
		{FacetFee: {"under_100", "100_150"}, FacetSliding: {"yes"}},
		{FacetVerified: {"verified"}, FacetAvailable: {"72h"}},
		{FacetVerified: {"in_training"}, FacetSubstance: {"ketamine"}},
		{FacetAvailable: {"72h"}, FacetFee: {"200_plus"}},
		{FacetSubstance: {"not-a-value"}},
	}
	texts := []string{"", "integration", "grief", "somat", "ceremony aftercare", "rivera", "zzzzqqq", "a"}
	sorts := []string{SortRelevance, SortFee, SortAvailability}
	cases := 0
	seen := make([]int, len(filters)) // largest total per filter: the fixture exercises each
	for _, shift := range []time.Duration{0, 30 * time.Hour, 24 * 200 * time.Hour} {
		now := base.Add(shift)
		for _, text := range texts {
			terms := queryTerms(text)
			cands, err := ix.candidates(ctx, db, terms, now)
			if err != nil {
				t.Fatal(err)
			}
			snap, tm, err := ix.matching(ctx, db, terms)
			if err != nil {
				t.Fatal(err)
			}
			for fi, f := range filters {
				for _, order := range sorts {
					for _, page := range []int{1, 2, 5} {
						q := Query{Text: text, Filters: f, Sort: order, Page: page}
						matched, facets := filterAndCount(slices.Clone(cands), q)
						n := page * PerPage
						want := firstSorted(matched, order, n)
						total, got, counts := snap.sets.pageOf(snap.entries, tm, q, now, n)
						cases++
						seen[fi] = max(seen[fi], total)
						name := fmt.Sprintf("at +%s, %q, filters %d, %s, page %d", shift, text, fi, order, page)
						if total != len(matched) {
							t.Errorf("%s: total %d, want %d", name, total, len(matched))
						}
						if a, b := fmt.Sprint(facetCounts(facetOptions(), counts, q)), fmt.Sprint(facets); a != b {
							t.Errorf("%s: facets\n%s\nwant\n%s", name, a, b)
						}
						gotIDs := make([]int64, len(got))
						for i, idx := range got {
							gotIDs[i] = snap.entries[idx].id
						}
						wantIDs := make([]int64, len(want))
						for i, c := range want {
							wantIDs[i] = c.id
						}
						if !slices.Equal(gotIDs, wantIDs) {
							t.Errorf("%s: ids %v, want %v", name, gotIDs, wantIDs)
						}
					}
				}
			}
		}
	}
	for fi, n := range seen[:len(filters)-1] {
		if n == 0 {
			t.Errorf("filters %d matched nobody at any time or text: the comparison proves little", fi)
		}
	}
	if seen[len(filters)-1] != 0 {
		t.Errorf("an unknown facet value matched %d coaches, want none", seen[len(filters)-1])
	}
	t.Logf("%d searches compared; largest totals per filter %v", cases, seen)
}
