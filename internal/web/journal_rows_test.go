package web

import (
	"html/template"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEntryItemsHTMLEscapesAsTheTemplate holds the journal list's
// hand-written items to the template they replaced: the same bytes for
// ordinary and hostile values.
func TestEntryItemsHTMLEscapesAsTheTemplate(t *testing.T) {
	tmpl := template.Must(template.New("items").Parse(`{{range .}}<li class="card entry">
    <h3><a href="{{.Href}}">{{.Title}}</a></h3>
    <p class="muted">{{.Date}} · {{if .Shared}}<span class="badge">Shared with your coach</span>{{else}}<span class="badge private">Private</span>{{end}}{{if .Files}} · {{.Files}} attached{{end}}</p>
    {{with .Prompt}}<p class="muted prompt">Prompt: {{.}}</p>{{end}}
    <p>{{.Lead}}</p>
  </li>{{end}}`))
	tests := []struct {
		name string
		rows []entryRow
	}{
		{"none", nil},
		{"ordinary", []entryRow{
			{ID: 42, Title: "After the walk", Date: "Tue 3 Nov, 10:00", Lead: "I noticed the light on the water…", Href: "/journal/42"},
			{ID: 43, Title: "Untitled entry", Date: "yesterday", Lead: "Calmer.", Prompt: "What felt different?", Shared: true, Files: 2, Href: "/clients/7/journal/43"},
		}},
		{"hostile", []entryRow{
			{ID: 7, Title: `<script>alert("x")</script>`, Date: `"><img src=x onerror=alert(1)>`, Lead: "it's & <b> [x](javascript:alert(2))",
				Prompt: "O'Brien & <i>Sons</i>", Files: 1, Href: "/journal/7"},
			{ID: 9223372036854775807, Title: "\u00a0ünïcode 🙂", Date: "–", Lead: "", Shared: true, Href: "/journal/9223372036854775807"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := tmpl.Execute(&want, tc.rows); err != nil {
				t.Fatal(err)
			}
			got := string(entryItemsHTML(tc.rows))
			if got != want.String() {
				t.Errorf("items differ\n got %s\nwant %s", got, want.String())
			}
			if strings.Contains(got, "<script>") || strings.Contains(got, "<img") {
				t.Error("a value's markup reached the page unescaped")
			}
		})
	}
}

// TestLeadOf holds the one-pass lead to what it replaced: the words joined
// by single spaces, cut after 140 characters.
func TestLeadOf(t *testing.T) {
	old := func(body string) string {
		lead := strings.Join(strings.Fields(body), " ")
		if r := []rune(lead); len(r) > 140 {
			lead = string(r[:140]) + "…"
		}
		return lead
	}
	word := strings.Repeat("a", 139)
	tests := []string{
		"", "   ", "one", "  one  two\n\nthree\t", "x\u00a0y\u2003z", "\u3000lead\u3000",
		strings.Repeat("word ", 28), strings.Repeat("word ", 29), strings.Repeat("wörd ", 40),
		word + " b", word + "  bc", word + "b c", word + "bc", strings.Repeat("🙂", 141), strings.Repeat("🙂 ", 100),
		"bad \xff bytes " + strings.Repeat("z", 200), "bad \xff",
		// texts that are, or are nearly, their own lead
		"a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u0085b", "a\u00a0b", " ", "\t",
		strings.Repeat("ab ", 46) + "ab", strings.Repeat("ab ", 46) + "abc", word + "c", word + " ",
	}
	for i := range 300 { // every cut position around the limit
		tests = append(tests, strings.Repeat("é", i%150)+strings.Repeat(" ", i%3)+strconv.Itoa(i)+" tail words here")
	}
	for _, body := range tests {
		if got, want := leadOf(body), old(body); got != want {
			t.Errorf("leadOf(%q)\n got %q\nwant %q", body, got, want)
		}
		if utf8.ValidString(body) && !utf8.ValidString(leadOf(body)) {
			t.Errorf("leadOf(%q) is not valid UTF-8", body)
		}
	}
}
