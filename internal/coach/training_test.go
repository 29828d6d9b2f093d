package coach_test

import (
	"context"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/coach"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

func TestCertificateType(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte("%PDF-1.7\n..."), "application/pdf"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "image/png"},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00}, "image/jpeg"},
		{"html named pdf", []byte("<html>%PDF-</html>"), ""},
		{"truncated png signature", []byte("\x89PNG\r\n"), ""},
		{"two jpeg bytes", []byte{0xFF, 0xD8}, ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := coach.CertificateType(tt.data); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzCertificateType(f *testing.F) {
	for _, seed := range []string{"%PDF-1.4", "\x89PNG\r\n\x1a\n", "\xFF\xD8\xFF", "GIF89a", ""} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		switch got := coach.CertificateType(data); got {
		case "", "application/pdf", "image/png", "image/jpeg":
		default:
			t.Errorf("got %q, want one of the three accepted types or none", got)
		}
	})
}

func TestAddTrainingTypesByContent(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := w.verifiedCoach(t, "upload", validProfile("Upload Coach"), 0)
		tests := []struct {
			name, claimed string
			data          []byte
			wantType      string
			wantErr       bool
		}{
			{"pdf claimed as image", "image/png", []byte("%PDF-1.7 body"), "application/pdf", false},
			{"png", "image/png", []byte("\x89PNG\r\n\x1a\nrest"), "image/png", false},
			{"html claimed as pdf", "application/pdf", []byte("<script>alert(1)</script>"), "", true},
			{"just over the limit", "application/pdf", append([]byte("%PDF-"), make([]byte, coach.MaxCertificateBytes-4)...), "", true},
			{"exactly the limit", "application/pdf", append([]byte("%PDF-"), make([]byte, coach.MaxCertificateBytes-5)...), "application/pdf", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tr, err := w.svc.AddTraining(ctx, a, coach.Training{Name: "Course", Provider: "School", Hours: 10, Year: 2024,
					CertificateName: "c", CertificateType: tt.claimed, Certificate: tt.data})
				if gotErr := errs.Is(err, errs.Invalid); gotErr != tt.wantErr {
					t.Fatalf("got error %v, want invalid=%v", err, tt.wantErr)
				}
				if !tt.wantErr && tr.CertificateType != tt.wantType {
					t.Errorf("got type %q, want %q", tr.CertificateType, tt.wantType)
				}
			})
		}
	})
}
