package web

import "strings"

// escInto writes s to b escaped as text/template.HTMLEscapeString escapes
// it (the escaping html/template applies to text and quoted attribute
// values: " ' & < > and NUL), without the copy that returns: the lists a
// page writes in Go escape a few hundred values a view, most with nothing
// to escape (issue 17: HTMLEscapeString's check and copies were ~5 % of the
// journal page's handler). TestEscIntoAsHTMLEscapeString holds it to it.
func escInto(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}
