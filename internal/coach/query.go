package coach

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/errs"
)

// Sort orders.
const (
	SortRelevance    = "relevance"
	SortAvailability = "availability"
	SortFee          = "fee"
)

// PerPage is the directory's page size; MaxPage bounds deep paging.
const (
	PerPage = 20
	MaxPage = 500
)

// Query is one directory search: text, selected facet values (any value
// within a facet, every facet), order and page.
type Query struct {
	Text    string
	Filters map[string][]string
	Sort    string
	Page    int
}

// facetOptions lists every facet a query can filter on, in display order,
// with its allowed values. Shared: callers must not change it.
func facetOptions() []TagFacet { return allFacets }

// allFacets is built once: a search used to build it five times and more
// (parsing, counting, and once per facet link's address).
var allFacets = buildFacetOptions()

func buildFacetOptions() []TagFacet {
	out := slices.Clone(tagFacets)
	fee := TagFacet{Name: FacetFee, Label: "Fee per session"}
	for _, r := range FeeRanges {
		fee.Options = append(fee.Options, Option{r.Value, r.Label})
	}
	return append(out, fee,
		TagFacet{Name: FacetSliding, Label: "Sliding scale", Options: []Option{{"yes", "Sliding-scale places open"}}},
		TagFacet{Name: FacetVerified, Label: "Credentials", Options: []Option{{"verified", "Verified"}, {"in_training", "In training"}}},
		TagFacet{Name: FacetAvailable, Label: "Availability", Options: []Option{{"72h", "Open slot within 72 hours"}}},
	)
}

func allowed(facet, value string) bool {
	for _, f := range facetOptions() {
		if f.Name == facet {
			return slices.ContainsFunc(f.Options, func(o Option) bool { return o.Value == value })
		}
	}
	return false
}

// ParseQuery reads a search from URL parameters: q, sort, page and one
// parameter per facet (repeatable). Unknown values are an Invalid error
// naming the parameter; unknown parameters are ignored.
func ParseQuery(values url.Values) (Query, error) {
	v := errs.Validation{}
	q := Query{Text: strings.TrimSpace(values.Get("q")), Filters: map[string][]string{}, Sort: values.Get("sort"), Page: 1}
	checkLen(v, "q", q.Text, maxShort)
	switch q.Sort {
	case "":
		q.Sort = SortRelevance
		if q.Text == "" {
			q.Sort = SortAvailability
		}
	case SortRelevance, SortAvailability, SortFee:
	default:
		v.Add("sort", "sort by relevance, availability or fee")
	}
	if p := values.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		v.Check(err == nil && n >= 1 && n <= MaxPage, "page", "choose a page from 1 to 500")
		q.Page = max(n, 1)
	}
	for _, f := range facetOptions() {
		for _, val := range values[f.Name] {
			if val == "" {
				continue
			}
			if !allowed(f.Name, val) {
				v.Add(f.Name, "choose from the listed options")
				continue
			}
			if !slices.Contains(q.Filters[f.Name], val) {
				q.Filters[f.Name] = append(q.Filters[f.Name], val)
			}
		}
	}
	return q, v.Err()
}

// Values is the query as URL parameters in one canonical order, so the
// same search always has the same shareable address.
func (q Query) Values() url.Values {
	out := url.Values{}
	if q.Text != "" {
		out.Set("q", q.Text)
	}
	for _, f := range facetOptions() {
		vals := slices.Clone(q.Filters[f.Name])
		slices.Sort(vals)
		for _, val := range vals {
			out.Add(f.Name, val)
		}
	}
	if q.Sort != "" && !(q.Sort == SortRelevance && q.Text != "") && !(q.Sort == SortAvailability && q.Text == "") {
		out.Set("sort", q.Sort)
	}
	if q.Page > 1 {
		out.Set("page", strconv.Itoa(q.Page))
	}
	return out
}

// Encode is Values().Encode() — the same address, byte for byte — without
// the map: the directory page writes one address per facet value shown.
func (q Query) Encode() string {
	type param struct {
		key  string
		vals []string
	}
	params := make([]param, 0, 8)
	if q.Text != "" {
		params = append(params, param{"q", []string{q.Text}})
	}
	for _, f := range facetOptions() {
		vals := q.Filters[f.Name]
		if len(vals) == 0 {
			continue
		}
		if len(vals) > 1 {
			vals = slices.Clone(vals)
			slices.Sort(vals)
		}
		params = append(params, param{f.Name, vals})
	}
	if q.Sort != "" && !(q.Sort == SortRelevance && q.Text != "") && !(q.Sort == SortAvailability && q.Text == "") {
		params = append(params, param{"sort", []string{q.Sort}})
	}
	if q.Page > 1 {
		params = append(params, param{"page", []string{strconv.Itoa(q.Page)}})
	}
	slices.SortStableFunc(params, func(a, b param) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	for _, p := range params {
		k := url.QueryEscape(p.key)
		for _, v := range p.vals {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// Selected reports whether a facet value is part of the query.
func (q Query) Selected(facet, value string) bool {
	return slices.Contains(q.Filters[facet], value)
}

// Toggle returns a copy of q with one facet value switched, back on page 1.
func (q Query) Toggle(facet, value string) Query {
	c := q
	c.Filters = map[string][]string{}
	for k, v := range q.Filters {
		c.Filters[k] = slices.Clone(v)
	}
	if i := slices.Index(c.Filters[facet], value); i >= 0 {
		c.Filters[facet] = slices.Delete(c.Filters[facet], i, i+1)
	} else {
		c.Filters[facet] = append(c.Filters[facet], value)
	}
	c.Page = 1
	return c
}
