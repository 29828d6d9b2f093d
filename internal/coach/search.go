package coach

import (
	"context"
	"database/sql"
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
	Hits   []Profile // the card's fields only (see hitColumns): no bio, answers or packages
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
	from := (q.Page - 1) * PerPage
	total, ids, counts, err := s.index.search(ctx, s.db, terms, q, now, from+PerPage)
	if err != nil {
		return Results{}, err
	}
	res := Results{Query: q, Total: total, Pages: (total + PerPage - 1) / PerPage, Facets: facetCounts(facetOptions(), counts, q)}
	if from >= len(ids) {
		return res, nil
	}
	res.Hits, err = profilesByID(ctx, s.db.Reader(), ids[from:])
	return res, err
}

func feeCode(fee int64) int8 {
	for i, r := range FeeRanges {
		if fee >= r.Min && (r.Max == 0 || fee < r.Max) {
			return int8(i)
		}
	}
	return -1
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

// hitColumns are what a search result shows (the directory's card, the
// API's coach): reading every profile column for twenty hits — bios,
// answers, packages as JSON — was a third of a search's CPU (issue 17).
const hitColumns = `p.user_id, p.display_name, p.headline, p.tags, p.fee_minor, p.currency, p.sliding_min_minor, p.sliding_max_minor,
	p.sliding_spots, p.time_zone, p.accepting, p.verified_hours, p.verified, p.verified_until, p.next_open_at`

func scanHit(rows *sql.Rows) (Profile, error) {
	var p Profile
	var tags int64
	var until, next sql.NullTime
	err := rows.Scan(&p.CoachID, &p.Name, &p.Headline, &tags, &p.FeeMinor, &p.Currency, &p.Sliding.MinMinor, &p.Sliding.MaxMinor,
		&p.Sliding.Spots, &p.TimeZone, &p.Accepting, &p.VerifiedHours, &p.Verified, &until, &next)
	if err != nil {
		return p, err
	}
	p.setTags(tags)
	p.VerifiedUntil, p.NextOpenAt = utcPtr(until), utcPtr(next)
	return p, nil
}

// profilesByID reads the hits of one page, in the page's order.
func profilesByID(ctx context.Context, q store.Querier, page []int64) ([]Profile, error) {
	ids := make([]any, len(page))
	for i, id := range page {
		ids[i] = id
	}
	rows, err := q.Query(ctx, `SELECT `+hitColumns+` FROM coach_profiles p WHERE p.user_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, errs.Wrap(err, "listing coaches")
	}
	defer rows.Close()
	found := make([]Profile, 0, len(page))
	for rows.Next() {
		p, err := scanHit(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading coaches")
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading coaches")
	}
	byID := make(map[int64]Profile, len(found))
	for _, p := range found {
		byID[p.CoachID] = p
	}
	out := make([]Profile, 0, len(page))
	for _, id := range page {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}
