package web

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/practice"
)

// TestClientRowsHTMLEscapesAsTheTemplate holds the coach dashboard's
// hand-written table rows to the template row they replaced: the same
// bytes for ordinary and hostile values.
func TestClientRowsHTMLEscapesAsTheTemplate(t *testing.T) {
	tmpl := template.Must(template.New("rows").Parse(`{{range .}}<tr><td><a href="/clients/{{.ID}}">{{.Name}}</a></td><td><span class="badge">{{.Stage}}</span></td><td class="hide-narrow">{{.Experience}}</td><td class="hide-narrow">{{.DaysSince}}</td><td>{{.Progress}}</td></tr>
{{end}}`))
	tests := []struct {
		name string
		rows []clientRow
	}{
		{"none", nil},
		{"ordinary", []clientRow{{ID: 42, Name: "Elena Marsh", Stage: "Active", Experience: "3 Nov 2026, 10:00 · psilocybin", DaysSince: "31", Progress: "2 of 5 actions done"}}},
		{"hostile", []clientRow{
			{ID: 7, Name: `<script>alert("x")</script>`, Stage: `"><img src=x onerror=alert(1)>`, Experience: "it's & <b>", DaysSince: "–", Progress: "\u00a0ünïcode 🙂"},
			{ID: 9223372036854775807, Name: "O'Brien & Sons", Stage: "Matching", Experience: "not yet recorded", DaysSince: "0", Progress: "no actions yet"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := tmpl.Execute(&want, tc.rows); err != nil {
				t.Fatal(err)
			}
			if got := string(clientRowsHTML(tc.rows)); got != want.String() {
				t.Errorf("rows differ\n got %s\nwant %s", got, want.String())
			}
			if strings.Contains(string(clientRowsHTML(tc.rows)), "<script>") {
				t.Error("a name's markup reached the page unescaped")
			}
		})
	}
}

// TestRosterLabelsAsBefore holds the roster's experience and days labels,
// now built without fmt and in one allocation, to what they were: the
// time's label, " · " and the substance; the days as %d.
func TestRosterLabelsAsBefore(t *testing.T) {
	now := time.Now()
	at := func(d time.Duration) *time.Time { v := now.Add(d); return &v }
	lastYear := time.Date(now.Year()-1, 12, 31, 23, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		c    practice.Client
		tz   string
	}{
		{"no experience", practice.Client{Substance: "psilocybin"}, "Europe/Berlin"},
		{"no substance", practice.Client{ExperienceAt: at(-72 * time.Hour)}, "Europe/Berlin"},
		{"substance", practice.Client{ExperienceAt: at(-72 * time.Hour), Substance: "psilocybin"}, "America/New_York"},
		{"unknown zone", practice.Client{ExperienceAt: at(-time.Hour), Substance: "MDMA"}, "Not/AZone"},
		{"last year", practice.Client{ExperienceAt: &lastYear, Substance: "ayahuasca"}, "Asia/Tokyo"},
		{"long non-ASCII substance", practice.Client{ExperienceAt: at(-200 * 24 * time.Hour), Substance: strings.Repeat("5-MeO-DMT · ayahuasca ‹é› ", 8)}, ""},
		{"in the future", practice.Client{ExperienceAt: at(48 * time.Hour), Substance: "LSD"}, "UTC"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := "not yet recorded"
			if tc.c.ExperienceAt != nil {
				want = formatTime(*tc.c.ExperienceAt, tc.tz)
				if tc.c.Substance != "" {
					want += " · " + tc.c.Substance
				}
			}
			if got := experienceLabel(tc.c, tc.tz); got != want {
				t.Errorf("experience %q, want %q", got, want)
			}
			wantDays := "–"
			if d := tc.c.DaysSinceExperience(now); d >= 0 {
				wantDays = fmt.Sprintf("%d", d)
			}
			if got := daysLabel(tc.c, now); got != wantDays {
				t.Errorf("days %q, want %q", got, wantDays)
			}
		})
	}
}
