package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The directory page's facet links and result cards are written here, not
// by the template: ~40 links and 20 cards are ~400 template actions, each
// through reflection and an escaper, over half of a search's CPU (issue
// 17's profile). directory_html_test.go holds both to the template markup
// they replaced, byte for byte.

// htmlEsc escapes as html/template does in text and quoted attributes (its
// htmlReplacementTable): the same bytes the template wrote.
var htmlEsc = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// facetsHTML writes the filters: each facet with links, its links with
// counts. Every URL is one directoryURL built (a path and a query of
// escaped parameters), which html/template's URL normaliser leaves as it
// is; it is escaped for the attribute like every other value.
func facetsHTML(facets []facetView) template.HTML {
	var b strings.Builder
	b.Grow(len(facets) * 900)
	for _, f := range facets {
		if len(f.Links) == 0 {
			continue
		}
		b.WriteString("\n    <section class=\"facet\" id=\"facet-")
		htmlEsc.WriteString(&b, f.Name)
		b.WriteString("\">\n      <h2>")
		htmlEsc.WriteString(&b, f.Label)
		b.WriteString("</h2>\n      <ul>")
		for _, l := range f.Links {
			b.WriteString("\n        <li><a href=\"")
			htmlEsc.WriteString(&b, l.URL)
			b.WriteString(`"`)
			if l.Selected {
				b.WriteString(` aria-current="true" class="selected"`)
			}
			b.WriteString(`><span class="check" aria-hidden="true">`)
			if l.Selected {
				b.WriteString("✓")
			}
			b.WriteString("</span>")
			htmlEsc.WriteString(&b, l.Label)
			b.WriteString(` <span class="count">`)
			b.WriteString(strconv.Itoa(l.Count))
			b.WriteString("</span></a></li>\n      ")
		}
		b.WriteString("</ul>\n    </section>\n    ")
	}
	return template.HTML(b.String()) // every value above is escaped
}

// hitsHTML writes the result cards.
func hitsHTML(hits []coachCard) template.HTML {
	var b strings.Builder
	b.Grow(len(hits) * 700)
	for _, h := range hits {
		b.WriteString("\n      <li class=\"card coach-card\">\n        <h3><a href=\"")
		htmlEsc.WriteString(&b, h.URL)
		b.WriteString(`">`)
		htmlEsc.WriteString(&b, h.Name)
		b.WriteString("</a></h3>\n        <p class=\"muted\">")
		htmlEsc.WriteString(&b, h.Headline)
		b.WriteString("</p>\n        <p>")
		if h.Verified {
			b.WriteString(`<span class="badge">Verified training</span>`)
		} else {
			b.WriteString(`<span class="badge warn">In training</span>`)
		}
		b.WriteString("\n          <span class=\"badge neutral\">")
		htmlEsc.WriteString(&b, h.Fee)
		b.WriteString(" / session</span>")
		if h.Sliding != "" {
			b.WriteString(` <span class="badge neutral">`)
			htmlEsc.WriteString(&b, h.Sliding)
			b.WriteString("</span>")
		}
		b.WriteString("</p>\n        <p class=\"small\">")
		if h.NextOpen != "" {
			b.WriteString("Next open slot: ")
			htmlEsc.WriteString(&b, h.NextOpen)
		} else {
			b.WriteString("No open slot in the next three weeks")
		}
		b.WriteString("</p>\n        ")
		if len(h.Tags) > 0 {
			b.WriteString(`<p class="small">Experience: `)
			for i, t := range h.Tags {
				if i > 0 {
					b.WriteString(", ")
				}
				htmlEsc.WriteString(&b, t)
			}
			b.WriteString("</p>")
		}
		b.WriteString("\n      </li>\n    ")
	}
	return template.HTML(b.String()) // every value above is escaped
}
