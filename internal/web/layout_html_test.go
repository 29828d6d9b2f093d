package web

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/crisis"
)

// TestLayoutPartsAsTheTemplate holds the layout with its Go-written parts
// (layout_html.go) to the layout template they replaced: the same bytes
// signed out and for every role's navigation, with unread counts, and
// with a practice's own crisis lines, hostile ones included.
func TestLayoutPartsAsTheTemplate(t *testing.T) {
	s, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	funcs := template.FuncMap{"asset": s.assets.url}
	const content = `{{define "content"}}<p>page</p>{{end}}`
	old := template.Must(template.New("old").Funcs(funcs).Parse(oldLayout + content))
	current, err := fs.ReadFile(templateFS, "templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	now := template.Must(template.New("new").Funcs(funcs).Parse(string(current) + content))
	hostile := crisis.Region{Code: "XX", Emergency: crisis.Line{Contact: `Call <b>112</b> & "run"`},
		Lines: []crisis.Line{{Name: `Line <script>alert(1)</script>`, Contact: "Text 'HOME' to 741741"}, {Name: "Ünïcode 🙂", Contact: "–"}}}
	var metas []Meta
	for _, path := range []string{"/", "/signin", "/journal", "/journal/7", "/dashboard", "/messages", "/inbox", "/settings"} {
		metas = append(metas, Meta{Title: "Signed out", Path: path, Crisis: crisis.For("US")})
		for _, role := range []account.Role{account.Client, account.Coach, account.Admin, account.Clinician} {
			u := account.User{ID: 1, Name: "N", Role: role}
			for _, count := range []int{0, 3} {
				nav := navFor(role, path)
				for i := range nav {
					if nav[i].Href == "/inbox" || nav[i].Href == "/messages" {
						nav[i].Count = count
					}
				}
				metas = append(metas, Meta{Title: `Title & <i>"x"</i>`, Path: path, User: &u, Nav: nav, Crisis: crisis.For("GB"), NotSafe: role == account.Client})
			}
		}
	}
	metas = append(metas, Meta{Title: "Hostile", Path: "/", Crisis: hostile}, Meta{Title: "Empty", Path: "/"})
	for _, m := range metas {
		s.layoutParts(&m)
		var want, got strings.Builder
		if err := old.ExecuteTemplate(&want, "layout", view[struct{}]{Meta: m}); err != nil {
			t.Fatal(err)
		}
		if err := now.ExecuteTemplate(&got, "layout", view[struct{}]{Meta: m}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("layout differs for %q at %s\n got %s\nwant %s", m.Title, m.Path, got.String(), want.String())
		}
		if strings.Contains(got.String(), "<script>alert") {
			t.Error("a crisis line's markup reached the page unescaped")
		}
	}
}

// oldLayout is templates/layout.html before its parts were written in Go.
const oldLayout = `{{define "layout"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<title>{{.Meta.Title}} · Afterward</title>
<link rel="stylesheet" href="{{asset "app.css"}}">
<link rel="icon" href="{{asset "icon.svg"}}" type="image/svg+xml">
<link rel="apple-touch-icon" href="{{asset "icon-192.png"}}">
<link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="#2f6f62">
<script src="{{asset "htmx.min.js"}}" defer></script>
<script src="{{asset "clientspace.js"}}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="bar">
    <a class="brand" href="/">After<span>ward</span></a>
    <nav aria-label="Main">
      <ul class="nav">
        {{range .Meta.Nav}}{{if not .More}}<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}{{if .Count}} <span class="count" aria-label="{{.Count}} unread">{{.Count}}</span>{{end}}</a></li>{{end}}{{end}}
        {{if .Meta.User}}
        <li><details class="more"><summary>More</summary>
          <ul>
            {{range .Meta.Nav}}{{if .More}}<li><a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a></li>{{end}}{{end}}
            <li><form method="post" action="/signout"><button type="submit">Sign out</button></form></li>
          </ul>
        </details></li>
        {{else}}
        <li><a href="/signin"{{if eq .Meta.Path "/signin"}} aria-current="page"{{end}}>Sign in</a></li>
        {{end}}
      </ul>
    </nav>
    {{if .Meta.NotSafe}}<form class="not-safe" method="post" action="/not-safe"><button class="button danger" type="submit">I&#8217;m not safe right now</button></form>{{end}}
  </div>
</header>
<main id="main">
{{template "content" .Page}}
</main>
<footer class="site-footer">
  <div class="bar">
    <p><strong>In crisis or danger?</strong> {{.Meta.Crisis.Emergency.Contact}} for emergencies{{range .Meta.Crisis.Lines}} · {{.Name}}: {{.Contact}}{{end}}. <a href="/crisis">All crisis resources</a></p>
    <p class="muted">Afterward is integration coaching, not therapy or emergency care. Messages and journals are not monitored around the clock.</p>
  </div>
</footer>
</body>
</html>{{end}}
`
