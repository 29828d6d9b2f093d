package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// drawingEntry is the demo journal entry that carries a drawing, so the
// demo shows attachments and backups have a file to carry.
const drawingEntry = "aisha@client.example.org"

// riverDrawing paints the small picture a client might attach after an
// experience: bands of river blue under a warm sky, with a sun. It is
// drawn in code so the demo needs no image file.
func riverDrawing() ([]byte, error) {
	const w, h = 320, 200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, pixel(float64(x), float64(y), h))
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func pixel(x, y float64, h int) color.RGBA {
	water := float64(h)*0.55 + 8*math.Sin(x/23)
	if y < water {
		if math.Hypot(x-240, y-50) < 26 {
			return color.RGBA{250, 204, 120, 255}
		}
		t := y / water
		return color.RGBA{uint8(250 - 60*t), uint8(226 - 40*t), uint8(200 + 30*t), 255}
	}
	band := math.Sin((y-water)/5 + x/40)
	return color.RGBA{uint8(60 + 20*band), uint8(120 + 25*band), uint8(170 + 30*band), 255}
}
