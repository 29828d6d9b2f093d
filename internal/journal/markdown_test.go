package journal_test

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/journal"
)

// XSSPayloads are fed through every field another person is shown.
var XSSPayloads = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`[click](javascript:alert(1))`,
	`<a href="javascript:alert(1)">x</a>`,
	`<svg onload=alert(1)>`,
	`<iframe src="https://evil.example"></iframe>`,
	"![x](javascript:alert(1))",
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`[x](JaVaScRiPt:alert(1))`,
	`<<script>script>alert(1)<</script>/script>`,
}

func TestRenderMarkdownSanitizes(t *testing.T) {
	for _, payload := range XSSPayloads {
		t.Run(payload, func(t *testing.T) {
			got := strings.ToLower(journal.RenderMarkdown("Before\n\n" + payload + "\n\nafter"))
			for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style="} {
				if strings.Contains(got, bad) {
					t.Errorf("rendered %q contains %q", got, bad)
				}
			}
		})
	}
}

func TestRenderMarkdownKeepsFormatting(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"emphasis", "*soft*", "<em>soft</em>"},
		{"strong", "**clear**", "<strong>clear</strong>"},
		{"list", "- one\n- two", "<li>one</li>"},
		{"link gets noreferrer", "[site](https://example.org)", `rel="nofollow noreferrer noopener"`},
		{"heading", "## Today", "<h2>Today</h2>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := journal.RenderMarkdown(tc.src); !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

func FuzzRenderMarkdown(f *testing.F) {
	for _, p := range XSSPayloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := strings.ToLower(journal.RenderMarkdown(src))
		if strings.Contains(got, "<script") || strings.Contains(got, "javascript:") {
			t.Errorf("unsafe output %q for %q", got, src)
		}
	})
}
