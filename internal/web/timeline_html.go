package web

import (
	"html/template"
	"strings"
)

// timelineItemsHTML writes the journey's items, not the template: a
// client's journey is a hundred events or more, each five template
// actions through reflection and an escaper — a third of the page's CPU
// (issue 17's client-timeline profile). timeline_html_test.go holds it to
// the template markup it replaced, byte for byte, hostile values included.
func timelineItemsHTML(rows []timelineRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 200)
	for _, e := range rows {
		if !plainLink(e.Link) {
			// The template's URL filter and normaliser decide what such
			// a link becomes; no source makes one, so it is rare.
			if err := timelineItemTemplate.Execute(&b, e); err != nil {
				b.WriteString("<li></li>") // cannot happen: the row's fields are strings
			}
			continue
		}
		b.WriteString(`<li class="event event-`)
		htmlEsc.WriteString(&b, e.Kind)
		b.WriteString("\">\n    <p class=\"muted\">")
		htmlEsc.WriteString(&b, e.Date)
		b.WriteString("</p>\n    <h2>")
		if e.Link != "" {
			b.WriteString(`<a href="`)
			b.WriteString(e.Link) // plain: nothing to escape or normalise
			b.WriteString(`">`)
			htmlEsc.WriteString(&b, e.Title)
			b.WriteString("</a>")
		} else {
			htmlEsc.WriteString(&b, e.Title)
		}
		b.WriteString("</h2>\n    ")
		if e.Detail != "" {
			b.WriteString("<p>")
			htmlEsc.WriteString(&b, e.Detail)
			b.WriteString("</p>")
		}
		b.WriteString("\n  </li>")
	}
	return template.HTML(b.String()) // every value above is escaped
}

// timelineItemTemplate is the markup the items had in progress.html; it
// writes the rows whose link is not plain.
var timelineItemTemplate = template.Must(template.New("item").Parse(`<li class="event event-{{.Kind}}">
    <p class="muted">{{.Date}}</p>
    <h2>{{if .Link}}<a href="{{.Link}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</h2>
    {{with .Detail}}<p>{{.}}</p>{{end}}
  </li>`))

// plainLink reports whether link is empty or a site path of letters,
// digits and "/-_." only ("/journal/42"), which html/template writes into
// an href as it is: no scheme to filter, nothing to escape or normalise.
func plainLink(link string) bool {
	if link == "" {
		return true
	}
	if link[0] != '/' || strings.HasPrefix(link, "//") {
		return false
	}
	for i := 0; i < len(link); i++ {
		c := link[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
