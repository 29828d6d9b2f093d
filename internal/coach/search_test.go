package coach_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/store"
)

var searchCases = []struct {
	name  string
	query string
}{
	{"everything", ""},
	{"one word", "q=grief"},
	{"prefix of last word", "q=somat"},
	{"two words", "q=ceremony+aftercare"},
	{"accented query", "q=S%C3%B3FIA"},
	{"name", "q=rivera"},
	{"two facets and text", "q=integration&substance=psilocybin&modality=somatic"},
	{"same facet twice is any", "language=es&language=fr"},
	{"fee and sliding", "fee=under_100&fee=100_150&sliding=yes"},
	{"verified and available", "verified=verified&available=72h"},
	{"sorted by fee", "q=support&sort=fee"},
	{"sorted by availability page 2", "sort=availability&page=2"},
	{"no match", "q=zzzzqqq"},
	{"punctuation only", "q=%21%21%21"},
}

type searchOutcome struct {
	total  int
	ids    []int64
	facets string
}

// TestSearchSameOnBothEngines runs the same searches over the same
// generated directory on SQLite and PostgreSQL and compares result ids,
// order and facet counts exactly.
func TestSearchSameOnBothEngines(t *testing.T) {
	got := map[store.Dialect]map[string]searchOutcome{}
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		if err := coach.Generate(ctx, db, coach.GenOptions{PracticeID: w.practice, Coaches: 300, Seed: 7, VerifierID: w.admin.UserID}, now); err != nil {
			t.Fatal(err)
		}
		got[db.Dialect] = map[string]searchOutcome{}
		for _, tc := range searchCases {
			t.Run(tc.name, func(t *testing.T) {
				vals, _ := url.ParseQuery(tc.query)
				q, err := coach.ParseQuery(vals)
				if err != nil {
					t.Fatal(err)
				}
				res, err := w.svc.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				checkHitsMatch(t, w.svc, q, res)
				got[db.Dialect][tc.name] = outcome(res)
			})
		}
	})
	sq, pg := got[store.SQLite], got[store.Postgres]
	if sq == nil || pg == nil {
		t.Fatal("both engines must run to compare")
	}
	for _, tc := range searchCases {
		a, b := sq[tc.name], pg[tc.name]
		if a.total != b.total || !slices.Equal(a.ids, b.ids) || a.facets != b.facets {
			t.Errorf("%s: sqlite total %d ids %v facets %s\npostgres total %d ids %v facets %s", tc.name, a.total, a.ids, a.facets, b.total, b.ids, b.facets)
		}
	}
	if sq["one word"].total == 0 || sq["two facets and text"].total == 0 || sq["no match"].total != 0 {
		t.Errorf("fixture sanity: one word %d, two facets %d, no match %d", sq["one word"].total, sq["two facets and text"].total, sq["no match"].total)
	}
}

func outcome(res coach.Results) searchOutcome {
	o := searchOutcome{total: res.Total}
	for _, h := range res.Hits {
		o.ids = append(o.ids, h.CoachID)
	}
	var b strings.Builder
	for _, f := range res.Facets {
		for _, v := range f.Values {
			fmt.Fprintf(&b, "%s=%s:%d ", f.Name, v.Value, v.Count)
		}
	}
	o.facets = b.String()
	return o
}

// checkHitsMatch checks every hit against the query independently of SQL:
// its words contain every term and it has a selected value of each facet.
func checkHitsMatch(t *testing.T, svc *coach.Service, q coach.Query, res coach.Results) {
	t.Helper()
	if len(res.Hits) > coach.PerPage {
		t.Errorf("page has %d hits, want at most %d", len(res.Hits), coach.PerPage)
	}
	terms := coach.Tokens(q.Text)
	for _, hit := range res.Hits {
		h, err := svc.Public(context.Background(), hit.CoachID) // a hit carries the card's fields only
		if err != nil {
			t.Fatal(err)
		}
		if hit.Name != h.Name || hit.Headline != h.Headline || hit.FeeMinor != h.FeeMinor || hit.Tags() != h.Tags() {
			t.Errorf("hit %d differs from its profile: %+v", hit.CoachID, hit)
		}
		words := coach.Tokens(strings.Join([]string{h.Name, h.Headline, h.Bio, h.Answers.Training, h.Answers.Experience, h.Answers.Crisis, h.Answers.Therapy}, " "))
		for i, term := range terms {
			found := slices.ContainsFunc(words, func(w string) bool {
				return w == term || (i == len(terms)-1 && strings.HasPrefix(w, term))
			})
			if !found {
				t.Errorf("hit %d (%s) lacks term %q", h.CoachID, h.Name, term)
			}
		}
		for _, f := range coach.TagFacets() {
			if sel := q.Filters[f.Name]; len(sel) > 0 && !slices.ContainsFunc(sel, func(v string) bool { return h.Has(f.Name, v) }) {
				t.Errorf("hit %d lacks any of %s=%v", h.CoachID, f.Name, sel)
			}
		}
	}
	for i := 1; i < len(res.Hits) && q.Sort == coach.SortFee; i++ {
		if res.Hits[i].FeeMinor < res.Hits[i-1].FeeMinor {
			t.Errorf("fee order broken at %d", i)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		wantErr   string // the invalid field, or ""
		wantCanon string
	}{
		{"empty defaults to availability", "", "", ""},
		{"text defaults to relevance", "q=grief", "", "q=grief"},
		{"canonical order and dedupe", "substance=mdma&q=x&substance=ketamine&substance=mdma", "", "q=x&substance=ketamine&substance=mdma"},
		{"explicit non-default sort kept", "q=x&sort=fee", "", "q=x&sort=fee"},
		{"page 2", "page=2", "", "page=2"},
		{"page 0", "page=0", "page", ""},
		{"page beyond limit", "page=501", "page", ""},
		{"page not a number", "page=two", "page", ""},
		{"unknown sort", "sort=rating", "sort", ""},
		{"unknown facet value", "substance=coffee", "substance", ""},
		{"unknown parameter ignored", "colour=blue", "", ""},
		{"query too long", "q=" + strings.Repeat("a", 201), "q", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals, _ := url.ParseQuery(tc.raw)
			q, err := coach.ParseQuery(vals)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr+":") {
					t.Fatalf("got %v, want an error naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Values().Encode(); got != tc.wantCanon {
				t.Errorf("got %q, want %q", got, tc.wantCanon)
			}
			if got := q.Encode(); got != tc.wantCanon {
				t.Errorf("Encode: got %q, want %q", got, tc.wantCanon)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello, World!", "hello world"},
		{"José Müller-Ørsted", "jose muller rsted"},
		{"5-MeO-DMT", "5 meo dmt"},
		{"psilocybin's  afterglow\n", "psilocybin s afterglow"},
		{"日本語 text", "text"},
		{strings.Repeat("a", 50), strings.Repeat("a", 40)},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := strings.Join(coach.Tokens(tc.in), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, tc := range searchCases {
		f.Add(tc.query)
	}
	f.Add("page=-1&sort=&q=%00")
	f.Fuzz(func(t *testing.T, raw string) {
		vals, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := coach.ParseQuery(vals)
		if err != nil {
			return
		}
		again, err := coach.ParseQuery(q.Values())
		if err != nil {
			t.Fatalf("canonical form %q does not parse: %v", q.Values().Encode(), err)
		}
		if again.Values().Encode() != q.Values().Encode() {
			t.Errorf("canonical form not stable: %q then %q", q.Values().Encode(), again.Values().Encode())
		}
		for _, f := range coach.TagFacets() {
			for _, o := range f.Options {
				if tq := q.Toggle(f.Name, o.Value); tq.Encode() != tq.Values().Encode() {
					t.Errorf("Encode %q, Values().Encode() %q", tq.Encode(), tq.Values().Encode())
				}
			}
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"", "Hello", "José", "a-b c_d", "\xff\xfe", strings.Repeat("x", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range coach.Tokens(s) {
			if tok == "" || len(tok) > 40 || strings.Trim(tok, "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
				t.Errorf("bad token %q from %q", tok, s)
			}
		}
	})
}
