package web

import (
	"html/template"
	"strings"
	"testing"
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
