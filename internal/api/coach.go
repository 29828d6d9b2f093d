package api

import (
	"net/http"
	"time"

	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/httpx"
)

type coachJSON struct {
	ID            int64      `json:"id"`
	Name          string     `json:"name"`
	Headline      string     `json:"headline"`
	Verified      bool       `json:"verified"`
	VerifiedHours int        `json:"verified_hours"`
	FeeMinor      int64      `json:"fee_minor"`
	Currency      string     `json:"currency"`
	SlidingSpots  int        `json:"sliding_spots"`
	NextOpenAt    *time.Time `json:"next_open_at"`
	Substances    []string   `json:"substances"`
	Contexts      []string   `json:"contexts"`
	Modalities    []string   `json:"modalities"`
	Languages     []string   `json:"languages"`
	Formats       []string   `json:"formats"`
	Accepting     bool       `json:"accepting"`
}

type coachDetailJSON struct {
	coachJSON
	Bio     string            `json:"bio"`
	Answers map[string]string `json:"answers"`
}

type facetJSON struct {
	Name   string           `json:"name"`
	Values []facetValueJSON `json:"values"`
}

type facetValueJSON struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

type coachSearchResponse struct {
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	Pages   int         `json:"pages"`
	Self    string      `json:"self"`
	Coaches []coachJSON `json:"coaches"`
	Facets  []facetJSON `json:"facets"`
}

func toCoachJSON(p coach.Profile, now time.Time) coachJSON {
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return coachJSON{ID: p.CoachID, Name: p.Name, Headline: p.Headline, Verified: p.VerifiedAt(now), VerifiedHours: p.VerifiedHours,
		FeeMinor: p.FeeMinor, Currency: p.Currency, SlidingSpots: p.Sliding.Spots, NextOpenAt: p.NextOpenAt,
		Substances: nonNil(p.Substances), Contexts: nonNil(p.Contexts), Modalities: nonNil(p.Modalities),
		Languages: nonNil(p.Languages), Formats: nonNil(p.Formats), Accepting: p.Accepting}
}

// coachesSearch is the public directory search; parameters as on /directory.
func (s *Server) coachesSearch(w http.ResponseWriter, r *http.Request) {
	q, err := coach.ParseQuery(r.URL.Query())
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	res, err := s.Coaches.Search(r.Context(), q)
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	now := s.Now()
	out := coachSearchResponse{Total: res.Total, Page: q.Page, Pages: res.Pages, Self: "/api/v1/coaches?" + q.Values().Encode(),
		Coaches: []coachJSON{}, Facets: []facetJSON{}}
	for _, h := range res.Hits {
		out.Coaches = append(out.Coaches, toCoachJSON(h, now))
	}
	for _, f := range res.Facets {
		fj := facetJSON{Name: f.Name, Values: []facetValueJSON{}}
		for _, v := range f.Values {
			fj.Values = append(fj.Values, facetValueJSON{v.Value, v.Count, v.Selected})
		}
		out.Facets = append(out.Facets, fj)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) coachShow(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		writeError(s.Log, w, r, errs.NotFoundf("coach not found"))
		return
	}
	p, err := s.Coaches.Public(r.Context(), id)
	if err != nil {
		writeError(s.Log, w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, coachDetailJSON{coachJSON: toCoachJSON(p, s.Now()), Bio: p.Bio, Answers: map[string]string{
		"training": p.Answers.Training, "experience": p.Answers.Experience, "crisis": p.Answers.Crisis, "therapy": p.Answers.Therapy}})
}
