package attachment_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/errs"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		kind  attachment.MediaKind
		ctype string
	}{
		{"jpeg", []byte("\xff\xd8\xff\xe0rest"), attachment.Image, "image/jpeg"},
		{"png", []byte("\x89PNG\r\n\x1a\nrest"), attachment.Image, "image/png"},
		{"gif", []byte("GIF89a..."), attachment.Image, "image/gif"},
		{"mp3 with ID3", []byte("ID3\x04\x00"), attachment.Audio, "audio/mpeg"},
		{"mp3 frame", []byte{0xff, 0xfb, 0x90, 0x00}, attachment.Audio, "audio/mpeg"},
		{"ogg", []byte("OggS\x00\x02"), attachment.Audio, "audio/ogg"},
		{"wav", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), attachment.Audio, "audio/wav"},
		{"m4a", []byte("\x00\x00\x00\x20ftypM4A \x00"), attachment.Audio, "audio/mp4"},
		{"mp4", []byte("\x00\x00\x00\x20ftypisom\x00"), attachment.Video, "video/mp4"},
		{"mov", []byte("\x00\x00\x00\x14ftypqt  \x00"), attachment.Video, "video/quicktime"},
		{"webm", []byte("\x1a\x45\xdf\xa3\x9f"), attachment.Video, "video/webm"},
		{"text named .png", []byte("hello, this is text"), "", ""},
		{"html", []byte("<html><script>"), "", ""},
		{"pdf", []byte("%PDF-1.7"), "", ""},
		{"webp is not taken", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), "", ""},
		{"unknown ftyp brand", []byte("\x00\x00\x00\x20ftypheic\x00"), "", ""},
		{"empty", nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kind, ctype, ok := attachment.Sniff(tc.data)
			if kind != tc.kind || ctype != tc.ctype || ok != (tc.kind != "") {
				t.Errorf("got %q %q %v, want %q %q", kind, ctype, ok, tc.kind, tc.ctype)
			}
		})
	}
}

func TestCheckRejectsRenamedNonImage(t *testing.T) {
	// What a browser would upload as "drawing.png": the name is ignored.
	_, err := attachment.Check([]byte("#!/bin/sh\necho this is not a picture\n"))
	if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), "not a supported image") {
		t.Errorf("got %v, want a clear invalid-file message", err)
	}
	_, err = attachment.Check([]byte("\x89PNG\r\n\x1a\ntruncated"))
	if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("truncated PNG: got %v, want damaged", err)
	}
}

func TestCheckSizeLimits(t *testing.T) {
	tests := []struct {
		name string
		head string
		size int
		ok   bool
	}{
		{"audio at limit", "OggS", attachment.MaxAudioBytes, true},
		{"audio over limit", "OggS", attachment.MaxAudioBytes + 1, false},
		{"video at limit", "\x1a\x45\xdf\xa3", attachment.MaxVideoBytes, true},
		{"video over limit", "\x1a\x45\xdf\xa3", attachment.MaxVideoBytes + 1, false},
		{"image over limit", "\xff\xd8\xff", attachment.MaxImageBytes + 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := make([]byte, tc.size)
			copy(data, tc.head)
			_, err := attachment.Check(data)
			if (err == nil) != tc.ok {
				t.Errorf("got %v, want ok=%v", err, tc.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "too large") {
				t.Errorf("message %q does not say too large", err)
			}
		})
	}
}

// TestGPSIsStripped builds a JPEG with an EXIF APP1 segment carrying GPS
// tags and checks that none of it survives.
func TestGPSIsStripped(t *testing.T) {
	src := jpegWithGPS(t)
	if !bytes.Contains(src, []byte("Exif\x00\x00")) || !bytes.Contains(src, []byte{0x88, 0x25}) {
		t.Fatal("fixture lacks the EXIF GPS block")
	}
	m, err := attachment.Check(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, needle := range [][]byte{[]byte("Exif"), {0x88, 0x25}, []byte("GPS-MARKER")} {
		if bytes.Contains(m.Data, needle) {
			t.Errorf("cleaned image still contains %q", needle)
		}
	}
	if m.ContentType != "image/jpeg" {
		t.Errorf("content type = %s", m.ContentType)
	}
	if _, err := jpeg.Decode(bytes.NewReader(m.Data)); err != nil {
		t.Errorf("cleaned image does not decode: %v", err)
	}
}

// jpegWithGPS encodes a small JPEG and inserts an APP1 EXIF segment whose
// IFD0 points (tag 0x8825) to a GPS IFD with latitude ref "N".
func jpegWithGPS(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, nil); err != nil {
		t.Fatal(err)
	}
	var tiff bytes.Buffer
	be := binary.BigEndian
	tiff.WriteString("MM\x00\x2a")
	_ = binary.Write(&tiff, be, uint32(8)) // IFD0 offset
	_ = binary.Write(&tiff, be, uint16(1)) // one entry
	_ = binary.Write(&tiff, be, []uint16{0x8825, 4})
	_ = binary.Write(&tiff, be, []uint32{1, 26}) // GPS IFD at 26
	_ = binary.Write(&tiff, be, uint32(0))
	_ = binary.Write(&tiff, be, uint16(1))               // GPS IFD: one entry
	_ = binary.Write(&tiff, be, []uint16{0x0001, 2})     // GPSLatitudeRef, ASCII
	_ = binary.Write(&tiff, be, []uint32{2, 0x4e000000}) // "N\0"
	_ = binary.Write(&tiff, be, uint32(0))
	tiff.WriteString("GPS-MARKER")
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	seg = append(seg, payload...)
	b := plain.Bytes()
	out := append([]byte{}, b[:2]...) // SOI
	out = append(out, seg...)
	return append(out, b[2:]...)
}

func TestThumbnail(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		wantW, wantH int
	}{
		{"wide", 1000, 500, 320, 160},
		{"tall", 300, 900, 106, 320},
		{"small stays", 100, 50, 100, 50},
		{"exact", 320, 320, 320, 320},
		{"one pixel line", 5000, 1, 320, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := image.NewNRGBA(image.Rect(0, 0, tc.w, tc.h))
			src.Set(0, 0, color.NRGBA{0, 0, 0, 0})
			b := attachment.Thumbnail(src, attachment.ThumbSize).Bounds()
			if b.Dx() != tc.wantW || b.Dy() != tc.wantH {
				t.Errorf("got %dx%d, want %dx%d", b.Dx(), b.Dy(), tc.wantW, tc.wantH)
			}
		})
	}
}

func FuzzCheck(f *testing.F) {
	var p bytes.Buffer
	_ = png.Encode(&p, image.NewGray(image.Rect(0, 0, 3, 3)))
	for _, seed := range [][]byte{p.Bytes(), []byte("GIF89a"), []byte("\xff\xd8\xff"), []byte("OggS"), []byte("x")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := attachment.Check(data)
		if err == nil && m.Kind == attachment.Image {
			if _, _, err := image.Decode(bytes.NewReader(m.Data)); err != nil {
				t.Errorf("accepted image does not decode: %v", err)
			}
		}
	})
}

// TestPixelLimitBeforeDecoding: a small file that declares a huge image
// (6000×6000, as in the attack) is refused from its header, naming the
// field, without being decoded.
func TestPixelLimitBeforeDecoding(t *testing.T) {
	_, err := attachment.Check(pngHeaderOnly(6000, 6000))
	var e *errs.Error
	if !errors.As(err, &e) || !strings.Contains(e.Fields["file"], "too many pixels") {
		t.Errorf("6000×6000 PNG: got %v, want a pixel-limit message on the file field", err)
	}
}

// pngHeaderOnly is a PNG whose header declares w×h and whose data is not
// there: decoding it would fail, so only the header check can refuse it.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// BenchmarkCheckLargestImage: the cost of the largest image the pixel
// limit lets through (4000×4000, just under 16 megapixels), decoded,
// re-encoded and thumbnailed. docs/security.md quotes it.
func BenchmarkCheckLargestImage(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3999))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := attachment.Check(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
