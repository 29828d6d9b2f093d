package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/coach"
)

// The template markup facetsHTML and hitsHTML replaced.
const (
	facetsTemplate = `{{range .}}{{if .Links}}
    <section class="facet" id="facet-{{.Name}}">
      <h2>{{.Label}}</h2>
      <ul>{{range .Links}}
        <li><a href="{{.URL}}"{{if .Selected}} aria-current="true" class="selected"{{end}}><span class="check" aria-hidden="true">{{if .Selected}}✓{{end}}</span>{{.Label}} <span class="count">{{.Count}}</span></a></li>
      {{end}}</ul>
    </section>
    {{end}}{{end}}`
	hitsTemplate = `{{range .}}
      <li class="card coach-card">
        <h3><a href="{{.URL}}">{{.Name}}</a></h3>
        <p class="muted">{{.Headline}}</p>
        <p>{{if .Verified}}<span class="badge">Verified training</span>{{else}}<span class="badge warn">In training</span>{{end}}
          <span class="badge neutral">{{.Fee}} / session</span>{{with .Sliding}} <span class="badge neutral">{{.}}</span>{{end}}</p>
        <p class="small">{{if .NextOpen}}Next open slot: {{.NextOpen}}{{else}}No open slot in the next three weeks{{end}}</p>
        {{with .Tags}}<p class="small">Experience: {{range $i, $t := .}}{{if $i}}, {{end}}{{$t}}{{end}}</p>{{end}}
      </li>
    {{end}}`
)

// TestDirectoryHTMLAsTheTemplate holds the directory's hand-written facet
// links and cards to the template markup they replaced: the same bytes
// for ordinary and hostile values, with addresses built as the page builds
// them (texts that need escaping included).
func TestDirectoryHTMLAsTheTemplate(t *testing.T) {
	facetsT := template.Must(template.New("facets").Parse(facetsTemplate))
	hitsT := template.Must(template.New("hits").Parse(hitsTemplate))
	hostile := `<script>alert("x")</script> & 'quotes' + ünïcode 🙂` + "\x00"
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	next := now.Add(30 * time.Hour)
	for _, text := range []string{"", "integration", "trauma informed", hostile, "a+b=c&d?e/f%20#g"} {
		t.Run(text, func(t *testing.T) {
			q := coach.Query{Text: text, Sort: coach.SortRelevance, Page: 2, Filters: map[string][]string{
				coach.FacetSubstance: {"psilocybin", "mdma"}, coach.FacetFormat: {"video"}}}
			res := coach.Results{Query: q, Total: 45, Pages: 3,
				Hits: []coach.Profile{
					{CoachID: 7, Name: "Jonah Reyes", Headline: "Integration after ceremony", FeeMinor: 9000, Currency: "EUR", Verified: true,
						Substances: []string{"psilocybin", "mdma"}, NextOpenAt: &next, TimeZone: "Europe/Berlin"},
					{CoachID: 9, Name: hostile, Headline: hostile, FeeMinor: 0, Currency: "USD", Sliding: coach.SlidingScale{Spots: 2, MinMinor: 100, MaxMinor: 5000}},
				},
				Facets: []coach.FacetCount{
					{Name: coach.FacetSubstance, Label: "Substance experience", Values: []coach.ValueCount{
						{Value: "psilocybin", Label: "Psilocybin", Count: 12, Selected: true}, {Value: "mdma", Label: hostile, Count: 3, Selected: true},
						{Value: "ketamine", Label: "Ketamine", Count: 0}, {Value: "lsd", Label: "LSD", Count: 1}}},
					{Name: coach.FacetFormat, Label: hostile, Values: []coach.ValueCount{{Value: "video", Label: "Video", Count: 45, Selected: true}}},
					{Name: coach.FacetSliding, Label: "Sliding scale", Values: []coach.ValueCount{{Value: "yes", Label: "Sliding-scale places open", Count: 0}}},
				}}
			page := directoryModel(res, now)
			var want strings.Builder
			if err := facetsT.Execute(&want, page.Facets); err != nil {
				t.Fatal(err)
			}
			if got := string(page.FacetsHTML); got != want.String() {
				t.Errorf("facets differ\n got %s\nwant %s", got, want.String())
			}
			want.Reset()
			if err := hitsT.Execute(&want, page.Hits); err != nil {
				t.Fatal(err)
			}
			if got := string(page.HitsHTML); got != want.String() {
				t.Errorf("cards differ\n got %s\nwant %s", got, want.String())
			}
			if strings.Contains(string(page.FacetsHTML)+string(page.HitsHTML), "<script>") {
				t.Error("markup reached the page unescaped")
			}
		})
	}
}
