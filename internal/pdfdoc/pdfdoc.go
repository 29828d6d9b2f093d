// Package pdfdoc is the one PDF setup every document shares: A4, margins,
// metadata, and Unicode fonts embedded in the file so names such as
// Łucja Wójcik or 渡辺 健二 print as written. The body font is Go's own
// (from golang.org/x/image, covering Latin, Greek and Cyrillic); text with
// Chinese, Japanese or Korean characters is set in a CJK font found on the
// system (or named by AFTERWARD_PDF_CJK_FONT), when there is one.
package pdfdoc

import (
	"os"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Sans and CJK are the font families a document has.
const (
	Sans = "afterward-sans"
	CJK  = "afterward-cjk"
)

// CJKFontPaths are where a CJK TrueType font is looked for, in order
// (Debian's fonts-ipafont-gothic and fonts-droid-fallback, then others).
var CJKFontPaths = []string{
	"/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
	"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttf",
}

var cjkFont = sync.OnceValue(func() []byte {
	paths := CJKFontPaths
	if p := os.Getenv("AFTERWARD_PDF_CJK_FONT"); p != "" {
		paths = append([]string{p}, paths...)
	}
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			return b
		}
	}
	return nil
})

// HasCJK reports whether a CJK font was found, so CJK text can print.
func HasCJK() bool { return cjkFont() != nil }

// Doc is an fpdf document with the shared fonts.
type Doc struct {
	*fpdf.Fpdf
	style string
	size  float64
	cjk   bool
}

// New starts an A4 portrait document with the given margins (mm) and
// metadata, on its first page.
func New(title string, at time.Time, margin float64) *Doc {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.SetTitle(title, true)
	p.SetCreator("Afterward", true)
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.AddUTF8FontFromBytes(Sans, "", goregular.TTF)
	p.AddUTF8FontFromBytes(Sans, "B", gobold.TTF)
	d := &Doc{Fpdf: p, style: "", size: 10}
	if b := cjkFont(); b != nil {
		p.AddUTF8FontFromBytes(CJK, "", b)
		p.AddUTF8FontFromBytes(CJK, "B", b) // no bold face: the regular one
		d.cjk = true
	}
	p.AddPage()
	p.SetFont(Sans, "", 10)
	return d
}

// Font sets the style ("" or "B") and size for the text that follows.
func (d *Doc) Font(style string, size float64) {
	d.style, d.size = style, size
	d.SetFont(Sans, style, size)
}

// T prepares s for the next Cell, MultiCell or Text call: it switches to
// the CJK font when s needs it (and back to the body font otherwise), and
// returns s with any character the font cannot draw (an emoji, say)
// replaced by "?" rather than failing the whole document.
func (d *Doc) T(s string) string {
	family, font := Sans, sansFont()
	if d.cjk && needsCJK(s) {
		family, font = CJK, cjkParsed()
	}
	d.SetFont(family, d.style, d.size)
	return covered(font, s)
}

var (
	sansFont  = sync.OnceValue(func() *sfnt.Font { f, _ := sfnt.Parse(goregular.TTF); return f })
	cjkParsed = sync.OnceValue(func() *sfnt.Font { f, _ := sfnt.Parse(cjkFont()); return f })
)

func covered(f *sfnt.Font, s string) string {
	if f == nil {
		return s
	}
	var buf sfnt.Buffer
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return '?'
		}
		return r
	}, s)
}

func needsCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}
