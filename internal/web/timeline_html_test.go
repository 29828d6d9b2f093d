package web

import (
	"html/template"
	"strings"
	"testing"
)

// TestTimelineItemsHTMLAsTheTemplate holds the journey's hand-written
// items to the template range they replaced: the same bytes for ordinary
// and hostile values, links that are plain paths and links that are not.
func TestTimelineItemsHTMLAsTheTemplate(t *testing.T) {
	tmpl := template.Must(template.New("items").Parse(`{{range .}}<li class="event event-{{.Kind}}">
    <p class="muted">{{.Date}}</p>
    <h2>{{if .Link}}<a href="{{.Link}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</h2>
    {{with .Detail}}<p>{{.}}</p>{{end}}
  </li>{{end}}`))
	tests := []struct {
		name string
		rows []timelineRow
	}{
		{"none", nil},
		{"ordinary", []timelineRow{
			{Date: "Tue 3 Nov, 10:00", Title: "Journal entry", Detail: "Shared with your coach", Link: "/journal/42", Kind: "journal"},
			{Date: "yesterday", Title: "Session held", Detail: "50 minutes", Link: "/sessions/7", Kind: "session"},
			{Date: "Mon 2 Nov", Title: "Your experience", Kind: "experience"},
			{Date: "Sun 1 Nov", Title: "Check-in", Detail: "", Link: "/check-in/2026-11-01_a.b", Kind: "checkin"},
		}},
		{"hostile values", []timelineRow{
			{Date: `"><img src=x onerror=alert(1)>`, Title: `<script>alert("x")</script>`, Detail: "it's & <b> 1+1", Link: "/journal/7", Kind: `x" onclick="alert(1)`},
			{Date: "–", Title: "\u00a0ünïcode 🙂", Detail: "\x00nul", Kind: "a+b"},
		}},
		{"links that are not plain", []timelineRow{
			{Date: "d", Title: "t", Link: "javascript:alert(1)", Kind: "journal"},
			{Date: "d", Title: "t", Link: "//evil.example/x", Kind: "journal"},
			{Date: "d", Title: "t", Link: `/a b"c?q=1&r=<2>`, Kind: "journal"},
			{Date: "d", Title: "t", Link: "https://example.org/ä", Kind: "journal"},
			{Date: "d", Title: "t", Link: "relative/path", Kind: "journal"},
			{Date: "d", Title: "t", Link: "/plain/again", Kind: "journal"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := tmpl.Execute(&want, tc.rows); err != nil {
				t.Fatal(err)
			}
			got := string(timelineItemsHTML(tc.rows))
			if got != want.String() {
				t.Errorf("items differ\n got %s\nwant %s", got, want.String())
			}
			if strings.Contains(got, "<script>") || strings.Contains(got, "<img") || strings.Contains(got, `href="javascript:`) {
				t.Error("a value's markup reached the page unescaped")
			}
		})
	}
}

func TestPlainLink(t *testing.T) {
	tests := []struct {
		link string
		want bool
	}{
		{"", true},
		{"/journal/42", true},
		{"/check-in/2026-11-01_a.b", true},
		{"//evil.example", false},
		{"javascript:alert(1)", false},
		{"/a b", false},
		{"/q?x=1", false},
		{"/ä", false},
		{"journal/42", false},
	}
	for _, tc := range tests {
		t.Run(tc.link, func(t *testing.T) {
			if got := plainLink(tc.link); got != tc.want {
				t.Errorf("plainLink(%q) = %v, want %v", tc.link, got, tc.want)
			}
		})
	}
}
