package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/afterward/afterward/internal/app"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func TestBlobURLRejected(t *testing.T) {
	creds := map[string]string{"AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag: not s3", creds, []string{"--blob-url", "https://bucket"}, "--blob-url: blob URL must look like s3://"},
		{"flag: bad bucket", creds, []string{"--blob-url", "s3://ab"}, "--blob-url: blob URL: bucket name"},
		{"flag: no credentials", nil, []string{"--blob-url", "s3://bucket"}, "AWS_ACCESS_KEY_ID"},
		{"environment: bad endpoint", map[string]string{"AFTERWARD_BLOB_URL": "s3://bucket?endpoint=ftp://h", "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"}, nil, "endpoint must be an http(s) URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"demo", "--no-serve", "--data-dir", t.TempDir()}, tc.args...)
			code, stdout, stderr := run(t, "", tc.env, args...)
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
}

// TestBlobURLSelectsS3: with --blob-url the application's blob store is
// the bucket on a real S3 wire-protocol server (gofakes3 on 127.0.0.1);
// nothing is written to DATA_DIR/blobs.
func TestBlobURLSelectsS3(t *testing.T) {
	backend := s3mem.New()
	if err := backend.CreateBucket("afterward-files"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	defer srv.Close()
	dir := t.TempDir()
	blobURL := "s3://afterward-files/prod?endpoint=" + url.QueryEscape(srv.URL)
	env := map[string]string{"AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"}
	if code, _, stderr := run(t, "", env, "demo", "--no-serve", "--data-dir", dir, "--blob-url", blobURL); code != 0 {
		t.Fatalf("demo with --blob-url: code %d, stderr %q", code, stderr)
	}

	cfg := app.DefaultConfig()
	cfg.DataDir, cfg.BlobURL, cfg.Getenv = dir, blobURL, func(k string) string { return env[k] }
	store, err := app.NewBlobStore(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := []byte("sealed attachment bytes")
	if err := store.Put(ctx, "att/ab/cd", want); err != nil {
		t.Fatal(err)
	}
	obj, err := backend.GetObject("afterward-files", "prod/att/ab/cd", nil)
	if err != nil {
		t.Fatalf("object not in the bucket under the prefix: %v", err)
	}
	got, _ := io.ReadAll(obj.Contents)
	obj.Contents.Close()
	if !bytes.Equal(got, want) {
		t.Errorf("bucket holds %q, want %q", got, want)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "blobs", "*")); len(matches) != 0 {
		t.Errorf("local blob directory used: %v", matches)
	}
}
