package blob_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/errs"
)

func TestLocalRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := blob.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	key := blob.NewKey("att")
	want := []byte("sealed bytes")
	if err := s.Put(ctx, key, want); err != nil {
		t.Fatal(err)
	}
	got := read(t, s, key)
	if !bytes.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := s.Put(ctx, key, []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, key); string(got) != "replaced" {
		t.Errorf("after overwrite got %q, want %q", got, "replaced")
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, key); !errs.Is(err, errs.NotFound) {
		t.Errorf("Get after Delete: got %v, want not found", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Errorf("second Delete: got %v, want nil", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "att", "*", ".tmp-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		key  string
		want bool
	}{
		{"generated", blob.NewKey("att"), true},
		{"single word", "att", true},
		{"empty", "", false},
		{"parent directory", "att/../../etc/passwd", false},
		{"absolute", "/etc/passwd", false},
		{"upper case", "ATT/ab", false},
		{"trailing slash", "att/", false},
		{"backslash", `att\ab`, false},
		{"too deep", "a/b/c/d/e", false},
		{"max depth", "a/b/c/d", true},
		{"too long segment", "att/" + strings.Repeat("a", 65), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := blob.ValidKey(tc.key); got != tc.want {
				t.Errorf("ValidKey(%q) = %v, want %v", tc.key, got, tc.want)
			}
		})
	}
}

func TestLocalRefusesBadKeys(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, _ := blob.NewLocal(filepath.Join(dir, "blobs"))
	if err := s.Put(ctx, "../escape", []byte("x")); !errs.Is(err, errs.Invalid) {
		t.Errorf("Put with a traversal key: got %v, want invalid", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape")); err == nil {
		t.Error("a file was written outside the blob directory")
	}
}

// FuzzKey: no accepted key may leave the store's directory.
func FuzzKey(f *testing.F) {
	for _, seed := range []string{"att/ab/cd", "..", "a/../b", "/x", "a//b", "a/b/c/d", "att/" + strings.Repeat("f", 64)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if !blob.ValidKey(key) {
			return
		}
		clean := filepath.Clean(filepath.Join("/base", key))
		if !strings.HasPrefix(clean, "/base/") || strings.Contains(key, "..") {
			t.Errorf("accepted key %q escapes: %s", key, clean)
		}
	})
}

func read(t *testing.T, s blob.Store, key string) []byte {
	t.Helper()
	r, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
