package journal

import (
	"bytes"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdown turns an entry into HTML. Raw HTML in the source is escaped by
// goldmark (no html.WithUnsafe), and the result goes through bluemonday's
// user-generated-content policy anyway, so neither a goldmark bug nor a
// crafted link can put script into a page someone else reads.
var (
	markdown  = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Linkify))
	sanitizer = newSanitizer()
)

func newSanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowURLSchemes("https", "http", "mailto")
	return p
}

// RenderMarkdown returns sanitised HTML for an entry body. The caller marks
// it safe for the template (it is the only HTML we ever trust).
func RenderMarkdown(src string) string {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// Convert fails only on a writer error; fall back to nothing
		// rather than unsanitised text.
		return ""
	}
	return sanitizer.Sanitize(buf.String())
}
