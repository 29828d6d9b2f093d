package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/crisis"
)

// The layout's repeated parts are written here once per request (issue
// 17: executing them in the template — an escaper call per value, a
// reflective call per function — was ~220 µs of CPU on every page), with
// the escaping the template applied (TestLayoutPartsAsTheTemplate holds
// them to the template they replaced, byte for byte).

// headHTML is the stylesheet, icons and scripts of every page's head:
// fixed once the assets are indexed.
func headHTML(a *assets) template.HTML {
	esc := template.HTMLEscapeString
	return template.HTML(`<link rel="stylesheet" href="` + esc(a.url("app.css")) + `">
<link rel="icon" href="` + esc(a.url("icon.svg")) + `" type="image/svg+xml">
<link rel="apple-touch-icon" href="` + esc(a.url("icon-192.png")) + `">
<link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="#2f6f62">
<script src="` + esc(a.url("htmx.min.js")) + `" defer></script>
<script src="` + esc(a.url("clientspace.js")) + `" defer></script>`)
}

// navHTML is the header's links: the main ones (more = false) or those
// under "More". Every href is one of the fixed paths of the navigation.
func navHTML(items []NavItem, more bool) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	for _, it := range items {
		if it.More != more {
			continue
		}
		b.WriteString(`<li><a href="`)
		b.WriteString(esc(it.Href))
		b.WriteByte('"')
		if it.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		b.WriteString(esc(it.Label))
		if !more && it.Count != 0 {
			n := strconv.Itoa(it.Count)
			b.WriteString(` <span class="count" aria-label="`)
			b.WriteString(n)
			b.WriteString(` unread">`)
			b.WriteString(n)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String()) // every value above is escaped
}

// crisisHTML is the footer's line of emergency and crisis contacts.
func crisisHTML(c crisis.Region) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	b.WriteString(esc(c.Emergency.Contact))
	b.WriteString(" for emergencies")
	for _, l := range c.Lines {
		b.WriteString(" · ")
		b.WriteString(esc(l.Name))
		b.WriteString(": ")
		b.WriteString(esc(l.Contact))
	}
	return template.HTML(b.String()) // every value above is escaped
}
