package web

import (
	"html/template"
	"strings"
	"testing"
)

func TestEscIntoAsHTMLEscapeString(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"plain", "Morning walk by the river"},
		{"every escaped byte", `"'&<>` + "\x00"},
		{"markup", `<script>alert("x")</script>`},
		{"attribute breakout", `" onmouseover="alert(1)`},
		{"entity already", "&amp; &#39; &lt;"},
		{"NUL inside", "a\x00b\x00"},
		{"non-ASCII", "Café · Grüße — 心 🌿"},
		{"invalid UTF-8", "\xff\xfe<\xc3"},
		{"escape at the ends", "<middle>"},
		{"newlines and tabs", "line\none\ttab\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("prefix|")
			escInto(&b, tt.in)
			if got, want := b.String(), "prefix|"+template.HTMLEscapeString(tt.in); got != want {
				t.Errorf("escInto(%q) wrote %q, want %q", tt.in, got, want)
			}
		})
	}
}
