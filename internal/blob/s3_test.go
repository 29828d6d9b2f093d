package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/afterward/afterward/internal/errs"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

func urlUnescapeForTest(s string) (string, error) { return url.PathUnescape(s) }

// seenRequest is what the fake server received, to check signing inputs
// independently of the signer.
type seenRequest struct {
	method, path, auth, contentHash string
	bodyHash                        string
}

// newFakeS3 serves gofakes3's in-memory S3 on 127.0.0.1 with one bucket,
// recording each request.
func newFakeS3(t *testing.T, bucket string) (endpoint string, seen func() []seenRequest) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(backend).Server()
	var mu sync.Mutex
	var log []seenRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sum := sha256.Sum256(body)
		mu.Lock()
		log = append(log, seenRequest{r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("X-Amz-Content-Sha256"), hex.EncodeToString(sum[:])})
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []seenRequest { mu.Lock(); defer mu.Unlock(); return append([]seenRequest(nil), log...) }
}

func newTestS3(t *testing.T, prefix string) (*S3, func() []seenRequest) {
	t.Helper()
	endpoint, seen := newFakeS3(t, "afterward-test")
	raw := "s3://AKID:SECRET@afterward-test/" + prefix + "?endpoint=" + url.QueryEscape(endpoint) + "&region=eu-west-1"
	cfg, err := ParseS3URL(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	return NewS3(cfg, nil), seen
}

func getBytes(t *testing.T, s Store, key string) ([]byte, error) {
	t.Helper()
	r, err := s.Get(context.Background(), key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestS3RoundTrip(t *testing.T) {
	for _, prefix := range []string{"", "prod/blobs"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			ctx := context.Background()
			s, seen := newTestS3(t, prefix)
			key := NewKey("att")
			want := bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000)
			if err := s.Put(ctx, key, want); err != nil {
				t.Fatal(err)
			}
			if got, err := getBytes(t, s, key); err != nil || !bytes.Equal(got, want) {
				t.Fatalf("Get after Put: got %d bytes, %v; want %d bytes", len(got), err, len(want))
			}
			if err := s.Put(ctx, key, []byte("replaced")); err != nil {
				t.Fatal(err)
			}
			if got, _ := getBytes(t, s, key); string(got) != "replaced" {
				t.Errorf("after overwrite got %q, want %q", got, "replaced")
			}
			if err := s.Delete(ctx, key); err != nil {
				t.Fatal(err)
			}
			if _, err := getBytes(t, s, key); !errs.Is(err, errs.NotFound) {
				t.Errorf("Get after Delete: got %v, want not found", err)
			}
			if err := s.Delete(ctx, key); err != nil {
				t.Errorf("second Delete: got %v, want nil", err)
			}
			wantPath := "/afterward-test/" + strings.TrimPrefix(prefix+"/"+key, "/")
			for _, r := range seen() {
				if r.path != wantPath {
					t.Errorf("%s path: got %s, want %s", r.method, r.path, wantPath)
				}
				if !strings.HasPrefix(r.auth, "AWS4-HMAC-SHA256 Credential=AKID/") || !strings.Contains(r.auth, "/eu-west-1/s3/aws4_request,") {
					t.Errorf("%s Authorization: got %q, want a SigV4 header for AKID in eu-west-1", r.method, r.auth)
				}
				if r.contentHash != r.bodyHash {
					t.Errorf("%s X-Amz-Content-Sha256: got %s, want the body's %s", r.method, r.contentHash, r.bodyHash)
				}
			}
		})
	}
}

func TestS3Errors(t *testing.T) {
	ctx := context.Background()
	s, seen := newTestS3(t, "")
	if err := s.Put(ctx, "../escape", []byte("x")); !errs.Is(err, errs.Invalid) {
		t.Errorf("Put with a traversal key: got %v, want invalid", err)
	}
	if _, err := s.Get(ctx, "ATT"); !errs.Is(err, errs.Invalid) {
		t.Errorf("Get with a bad key: got %v, want invalid", err)
	}
	if n := len(seen()); n != 0 {
		t.Errorf("requests sent for bad keys: got %d, want 0", n)
	}
	s.cfg.Bucket = "no-such-bucket"
	err := s.Put(ctx, "att/ab", []byte("x"))
	if err == nil || errs.Is(err, errs.NotFound) || !strings.Contains(err.Error(), "NoSuchBucket") {
		t.Errorf("Put to a missing bucket: got %v, want an internal error naming NoSuchBucket", err)
	}
}
