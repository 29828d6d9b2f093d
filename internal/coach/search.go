package coach

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
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
	values   map[string]string // single-valued facets: fee, sliding, verified, available
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
	cands, err := loadCandidates(ctx, s.db.Reader(), terms, now)
	if err != nil {
		return Results{}, err
	}
	matched, facets := filterAndCount(cands, q)
	sortCandidates(matched, q.Sort)
	res := Results{Query: q, Total: len(matched), Pages: (len(matched) + PerPage - 1) / PerPage, Facets: facets}
	from := (q.Page - 1) * PerPage
	if from >= len(matched) {
		return res, nil
	}
	page := matched[from:min(from+PerPage, len(matched))]
	res.Hits, err = profilesByID(ctx, s.db.Reader(), page)
	return res, err
}

func loadCandidates(ctx context.Context, q store.Querier, terms []string, now time.Time) ([]candidate, error) {
	score, args := scoreSQL(terms)
	from := ` FROM coach_profiles p WHERE p.status = 'published'`
	if len(terms) > 0 {
		if q.Dialect() == store.Postgres {
			from += ` AND p.search_tsv @@ to_tsquery('simple', ?)`
			args = append(args, tsQuery(terms))
		} else {
			from = ` FROM coach_fts f JOIN coach_profiles p ON p.user_id = f.rowid WHERE coach_fts MATCH ? AND p.status = 'published'`
			args = append(args, ftsQuery(terms))
		}
	}
	rows, err := q.Query(ctx, `SELECT p.user_id, p.tags, p.fee_minor, p.sliding_spots, p.verified, p.verified_until, p.next_open_at, `+
		score+from, args...)
	if err != nil {
		return nil, errs.Wrap(err, "searching the directory")
	}
	defer rows.Close()
	var out []candidate
	for rows.Next() {
		var c candidate
		var spots int
		var until, next sql.NullTime
		if err := rows.Scan(&c.id, &c.tags, &c.fee, &spots, &c.verified, &until, &next, &c.score); err != nil {
			return nil, errs.Wrap(err, "reading search results")
		}
		c.sliding = spots > 0
		c.verified = c.verified && (!until.Valid || until.Time.After(now))
		if next.Valid && !next.Time.Before(now) {
			t := next.Time.UTC()
			c.next = &t // a passed slot is stale until the refresh job runs: unknown
		}
		c.score += len(terms) // every term matched somewhere
		c.values = singleValues(c, now)
		out = append(out, c)
	}
	return out, errs.Wrap(rows.Err(), "reading search results")
}

// scoreSQL is the portable relevance: per term, 3 when it starts a word of
// the name and 2 when it starts a word of the headline (the last term as a
// prefix, the others whole words, as in the full-text query).
func scoreSQL(terms []string) (string, []any) {
	if len(terms) == 0 {
		return "0", nil
	}
	var parts []string
	var args []any
	for i, t := range terms {
		pattern := "% " + t + " %"
		if i == len(terms)-1 {
			pattern = "% " + t + "%"
		}
		parts = append(parts, `(CASE WHEN p.name_text || ' ' LIKE ? THEN 3 ELSE 0 END) + (CASE WHEN p.headline_text || ' ' LIKE ? THEN 2 ELSE 0 END)`)
		args = append(args, pattern, pattern)
	}
	return strings.Join(parts, " + "), args
}

func singleValues(c candidate, now time.Time) map[string]string {
	v := map[string]string{FacetFee: feeRange(c.fee), FacetVerified: "in_training"}
	if c.sliding {
		v[FacetSliding] = "yes"
	}
	if c.verified {
		v[FacetVerified] = "verified"
	}
	if c.next != nil && !c.next.After(now.Add(AvailableWithin)) {
		v[FacetAvailable] = "72h"
	}
	return v
}

// matchesFacet reports whether c passes the query's filter on one facet.
func matchesFacet(c candidate, facet string, selected []string) bool {
	if len(selected) == 0 {
		return true
	}
	if _, ok := facetByName(facet); ok {
		for _, val := range selected {
			if bit, _ := tagBit(facet, val); c.tags&bit != 0 {
				return true
			}
		}
		return false
	}
	return slices.Contains(selected, c.values[facet])
}

func hasValue(c candidate, facet, value string) bool {
	if bit, ok := tagBit(facet, value); ok {
		return c.tags&bit != 0
	}
	return c.values[facet] == value
}

// filterAndCount applies the filters and counts facet values in one pass:
// a coach failing no facet counts everywhere; failing exactly one facet,
// it counts only towards that facet's values.
func filterAndCount(cands []candidate, q Query) ([]candidate, []FacetCount) {
	opts := facetOptions()
	counts := make([][]int, len(opts))
	for i := range opts {
		counts[i] = make([]int, len(opts[i].Options))
	}
	var matched []candidate
	for _, c := range cands {
		failed := -1
		fails := 0
		for i, f := range opts {
			if !matchesFacet(c, f.Name, q.Filters[f.Name]) {
				failed, fails = i, fails+1
			}
		}
		if fails > 1 {
			continue
		}
		if fails == 0 {
			matched = append(matched, c)
		}
		for i, f := range opts {
			if fails == 1 && i != failed {
				continue
			}
			for j, o := range f.Options {
				if hasValue(c, f.Name, o.Value) {
					counts[i][j]++
				}
			}
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
	slices.SortFunc(cs, func(a, b candidate) int {
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
	})
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
