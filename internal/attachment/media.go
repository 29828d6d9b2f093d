package attachment

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"

	"github.com/afterward/afterward/internal/errs"
)

// MediaKind is what an attachment is.
type MediaKind string

const (
	Image MediaKind = "image"
	Audio MediaKind = "audio"
	Video MediaKind = "video"
)

// Size limits per kind; MaxUpload bounds a request body.
const (
	MaxImageBytes = 10 << 20
	MaxAudioBytes = 20 << 20
	MaxVideoBytes = 50 << 20
	MaxUpload     = MaxVideoBytes + 1<<20
	// maxPixels is checked from the header, before decoding: a 105 KB PNG
	// of 6000×6000 cost 9 s of CPU and 232 MB under the old 40-megapixel
	// limit. 16 megapixels is more than a 12-megapixel phone photo.
	maxPixels = 16_000_000
	ThumbSize = 320
)

// Media is an upload after checking: for images, re-encoded without any
// metadata (EXIF, GPS, XMP are not carried over by the standard encoders)
// and with a JPEG thumbnail.
type Media struct {
	Kind        MediaKind
	ContentType string
	Data        []byte
	Thumb       []byte
}

// ErrUnsupported is the message for a file that is not one of the kinds we
// take, whatever its name says.
var ErrUnsupported = errs.Validation{"file": "this file is not a supported image, audio or video file (JPEG, PNG, GIF; MP3, M4A, OGG, WAV; MP4, MOV, WebM)"}.Err()

// Sniff identifies a file by its first bytes, never by its name.
func Sniff(b []byte) (MediaKind, string, bool) {
	has := func(off int, sig string) bool { return len(b) >= off+len(sig) && string(b[off:off+len(sig)]) == sig }
	switch {
	case has(0, "\xff\xd8\xff"):
		return Image, "image/jpeg", true
	case has(0, "\x89PNG\r\n\x1a\n"):
		return Image, "image/png", true
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return Image, "image/gif", true
	case has(0, "ID3"), len(b) >= 2 && b[0] == 0xff && (b[1]&0xe0) == 0xe0 && (b[1]&0x06) != 0:
		return Audio, "audio/mpeg", true
	case has(0, "OggS"):
		return Audio, "audio/ogg", true
	case has(0, "RIFF") && has(8, "WAVE"):
		return Audio, "audio/wav", true
	case has(0, "\x1a\x45\xdf\xa3"):
		return Video, "video/webm", true
	case has(4, "ftyp"):
		return sniffFtyp(b)
	}
	return "", "", false
}

// sniffFtyp tells MP4-family files apart by their major brand.
func sniffFtyp(b []byte) (MediaKind, string, bool) {
	if len(b) < 12 {
		return "", "", false
	}
	switch string(b[8:12]) {
	case "M4A ", "M4B ":
		return Audio, "audio/mp4", true
	case "qt  ":
		return Video, "video/quicktime", true
	case "isom", "iso2", "mp41", "mp42", "avc1", "dash", "M4V ", "3gp4", "3gp5":
		return Video, "video/mp4", true
	}
	return "", "", false
}

// Check sniffs and limits an upload and cleans images.
func Check(data []byte) (Media, error) {
	kind, ctype, ok := Sniff(data)
	if !ok {
		return Media{}, ErrUnsupported
	}
	limit := map[MediaKind]int{Image: MaxImageBytes, Audio: MaxAudioBytes, Video: MaxVideoBytes}[kind]
	if len(data) > limit {
		return Media{}, errs.Validation{"file": fmt.Sprintf("this %s is too large (at most %d MB)", kind, limit>>20)}.Err()
	}
	if kind != Image {
		return Media{Kind: kind, ContentType: ctype, Data: data}, nil
	}
	return cleanImage(data, ctype)
}

// cleanImage decodes and re-encodes, which drops every metadata block, and
// makes the thumbnail. GIFs keep their first frame only, as PNG.
func cleanImage(data []byte, ctype string) (Media, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Media{}, errs.Validation{"file": "this image is damaged or incomplete"}.Err()
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return Media{}, errs.Validation{"file": fmt.Sprintf("this image has too many pixels (at most %d megapixels); send a smaller copy", maxPixels/1_000_000)}.Err()
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Media{}, errs.Validation{"file": "this image is damaged or incomplete"}.Err()
	}
	var out bytes.Buffer
	if ctype == "image/jpeg" {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 88})
	} else {
		ctype = "image/png"
		err = png.Encode(&out, img)
	}
	if err != nil {
		return Media{}, errs.Wrap(err, "re-encoding image")
	}
	var thumb bytes.Buffer
	if err := jpeg.Encode(&thumb, Thumbnail(img, ThumbSize), &jpeg.Options{Quality: 80}); err != nil {
		return Media{}, errs.Wrap(err, "encoding thumbnail")
	}
	return Media{Kind: Image, ContentType: ctype, Data: out.Bytes(), Thumb: thumb.Bytes()}, nil
}

// Thumbnail scales img to fit in max×max by averaging the source pixels
// under each target pixel (a box filter: good enough for thumbnails, no
// dependency). Transparent areas become white, as JPEG has no alpha.
func Thumbnail(img image.Image, max int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	tw, th := w, h
	if w > max || h > max {
		if w >= h {
			tw, th = max, h*max/w
		} else {
			tw, th = w*max/h, max
		}
	}
	tw, th = maxInt(tw, 1), maxInt(th, 1)
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	for y := 0; y < th; y++ {
		y0, y1 := b.Min.Y+y*h/th, b.Min.Y+maxInt((y+1)*h/th, y*h/th+1)
		for x := 0; x < tw; x++ {
			x0, x1 := b.Min.X+x*w/tw, b.Min.X+maxInt((x+1)*w/tw, x*w/tw+1)
			dst.Set(x, y, average(img, x0, y0, x1, y1))
		}
	}
	return dst
}

func average(img image.Image, x0, y0, x1, y1 int) color.RGBA {
	var r, g, bl, n uint64
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			// composite over white
			r += uint64(cr + (0xffff - ca))
			g += uint64(cg + (0xffff - ca))
			bl += uint64(cb + (0xffff - ca))
			n++
		}
	}
	return color.RGBA{uint8(r / n >> 8), uint8(g / n >> 8), uint8(bl / n >> 8), 0xff}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// gif is imported for its decoder registration.
var _ = gif.Decode
