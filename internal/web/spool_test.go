package web_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/store"
)

// TestMultipartSpoolRemoved: a multipart body too large to keep in memory
// is spooled to $TMPDIR/multipart-*; those files are removed when the
// request ends, whether it is an upload route or a plain form that refuses
// it, so no signed-in user can fill the disk.
func TestMultipartSpoolRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	srv := apptest.NewServer(t, store.SQLite)
	c := srv.SignIn(t, elena)
	var entry int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT MIN(id) FROM journal_entries WHERE client_id = ?`, mustInt(clientID(t, srv, elena))).Scan(&entry); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		size       int
	}{
		{"upload route, over the in-memory limit", "/journal/" + strconv.FormatInt(entry, 10) + "/attachments", 9 << 20},
		{"plain form sent a large file", "/clients/" + clientID(t, srv, elena) + "/work", 34 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, contentType := multipartFile(t, tc.size)
			req, _ := http.NewRequest("POST", srv.URL+tc.path, body)
			req.Header.Set("Content-Type", contentType)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Errorf("status %d", resp.StatusCode)
			}
			// The connection is reused: the next answer comes after the
			// previous handler has returned.
			apptest.Do(t, c, "GET", srv.URL+"/dashboard", "", nil)
			left, _ := filepath.Glob(filepath.Join(tmp, "multipart-*"))
			if len(left) != 0 {
				t.Errorf("%d spooled multipart files left in TMPDIR, want 0", len(left))
			}
		})
	}
}

func multipartFile(t *testing.T, size int) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("add", "insight")
	fw, err := mw.CreateFormFile("file", "big.png")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(bytes.Repeat([]byte{0x89}, size))
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestUploadRateLimit: one client stores at most attachment.Uploads.Max
// files an hour; the next is refused before it is decoded.
func TestUploadRateLimit(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	c := srv.SignIn(t, elena)
	var entry int64
	if err := srv.App.DB.Reader().QueryRow(context.Background(), `SELECT MIN(id) FROM journal_entries WHERE client_id = ?`, mustInt(clientID(t, srv, elena))).Scan(&entry); err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4)))
	status := 0
	for i := 0; i <= attachment.Uploads.Max; i++ {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "p.png")
		_, _ = fw.Write(img.Bytes())
		_ = mw.Close()
		req, _ := http.NewRequest("POST", srv.URL+"/journal/"+strconv.FormatInt(entry, 10)+"/attachments", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		status = resp.StatusCode
		if i < attachment.Uploads.Max && status >= 400 {
			t.Fatalf("upload %d: status %d", i+1, status)
		}
	}
	if status != http.StatusTooManyRequests {
		t.Errorf("upload %d in an hour: status %d, want 429", attachment.Uploads.Max+1, status)
	}
}
