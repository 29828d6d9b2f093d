package coach

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// AvailableWithin is the "available soon" facet's horizon: the care
// model's first-session window.
const AvailableWithin = 72 * time.Hour

// Results is one page of a search with the facet counts.
type Results struct {
	Query  Query
	Total  int
	Pages  int
	Hits   []Profile
	Facets []FacetCount
}

// FacetCount is one facet with a count per value. Counts are disjunctive:
// a facet's counts apply every other facet's filters but not its own, so
// they say how many results choosing that value (too) would give.
type FacetCount struct {
	Name, Label string
	Values      []ValueCount
}

// ValueCount is the number of coaches with one facet value.
type ValueCount struct {
	Value, Label string
	Count        int
	Selected     bool
}

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

// Search runs a directory search over published profiles.
func (s *Service) Search(ctx context.Context, q Query) (Results, error) {
	now := s.now()
	q.Page = max(q.Page, 1)
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	terms := queryTerms(q.Text)
	if q.Text != "" && len(terms) == 0 {
		return Results{Query: q, Facets: emptyFacets(q)}, nil // only punctuation: nothing can match
	}
	cands, err := s.index.candidates(ctx, s.db, terms, now)
	if err != nil {
		return Results{}, err
	}
	matched, facets := filterAndCount(cands, q)
	res := Results{Query: q, Total: len(matched), Pages: (len(matched) + PerPage - 1) / PerPage, Facets: facets}
	from := (q.Page - 1) * PerPage
	if from >= len(matched) {
		return res, nil
	}
	page := firstSorted(matched, q.Sort, from+PerPage)[from:]
	res.Hits, err = profilesByID(ctx, s.db.Reader(), page)
	return res, err
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

func feeCode(fee int64) int8 {
	for i, r := range FeeRanges {
		if fee >= r.Min && (r.Max == 0 || fee < r.Max) {
			return int8(i)
		}
	}
	return -1
}

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

func facetCounts(opts []TagFacet, counts [][]int, q Query) []FacetCount {
	out := make([]FacetCount, len(opts))
	for i, f := range opts {
		out[i] = FacetCount{Name: f.Name, Label: f.Label}
		for j, o := range f.Options {
			out[i].Values = append(out[i].Values, ValueCount{Value: o.Value, Label: o.Label, Count: counts[i][j], Selected: q.Selected(f.Name, o.Value)})
		}
	}
	return out
}

func emptyFacets(q Query) []FacetCount {
	opts := facetOptions()
	counts := make([][]int, len(opts))
	for i := range opts {
		counts[i] = make([]int, len(opts[i].Options))
	}
	return facetCounts(opts, counts, q)
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

func profilesByID(ctx context.Context, q store.Querier, page []candidate) ([]Profile, error) {
	ids := make([]any, len(page))
	for i, c := range page {
		ids[i] = c.id
	}
	found, err := listProfiles(ctx, q, `WHERE p.user_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Profile, len(found))
	for _, p := range found {
		byID[p.CoachID] = p
	}
	out := make([]Profile, 0, len(page))
	for _, c := range page {
		if p, ok := byID[c.id]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}
