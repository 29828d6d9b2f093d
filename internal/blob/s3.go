package blob

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// S3 keeps objects in one bucket of an S3-compatible server (AWS S3,
// MinIO, Ceph, Garage …), so several application servers share them. It
// speaks PutObject, GetObject and DeleteObject over plain net/http, signed
// with Signature Version 4: about 150 lines instead of an SDK.
type S3 struct {
	cfg    S3Config
	client *http.Client
	now    func() time.Time
}

// NewS3 returns a store for cfg; client nil means a client with a 60 s
// timeout.
func NewS3(cfg S3Config, client *http.Client) *S3 {
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	return &S3{cfg: cfg, client: client, now: time.Now}
}

// Put uploads data under key (PutObject: the object appears whole or not
// at all).
func (s *S3) Put(ctx context.Context, key string, data []byte) error {
	if err := checkKey(key); err != nil {
		return err
	}
	resp, err := s.do(ctx, http.MethodPut, key, data)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return statusError("put", resp)
	}
	return nil
}

// Get downloads the object under key; the caller closes it.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	resp, err := s.do(ctx, http.MethodGet, key, nil)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusOK:
		return resp.Body, nil
	case http.StatusNotFound:
		resp.Body.Close()
		return nil, errs.NotFoundf("file not found")
	}
	defer resp.Body.Close()
	return nil, statusError("get", resp)
}

// Delete removes the object under key; S3 answers 204 whether or not it
// existed, and a 404 is accepted too.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	resp, err := s.do(ctx, http.MethodDelete, key, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK, http.StatusNoContent, http.StatusNotFound:
		return nil
	}
	return statusError("delete", resp)
}

func (s *S3) do(ctx context.Context, method, key string, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.objectURL(key), bytes.NewReader(body))
	if err != nil {
		return nil, errs.Wrap(err, "blob: building S3 request")
	}
	payloadHash := EmptyPayloadHash
	if body != nil {
		payloadHash = hexSHA256(body)
	} else {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	SignV4(req, s.cfg.Credentials, s.cfg.Region, "s3", payloadHash, s.now())
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, errs.Wrap(err, "blob: S3 "+method)
	}
	return resp, nil
}

// objectURL addresses key under the prefix, the bucket in the path or in
// the host name.
func (s *S3) objectURL(key string) string {
	name := key
	if s.cfg.Prefix != "" {
		name = s.cfg.Prefix + "/" + key
	}
	u := url.URL{Scheme: s.cfg.Endpoint.Scheme, Host: s.cfg.Endpoint.Host, Path: "/" + s.cfg.Bucket + "/" + name}
	if s.cfg.VirtualHost {
		u.Host, u.Path = s.cfg.Bucket+"."+s.cfg.Endpoint.Host, "/"+name
	}
	return u.String()
}

// statusError names the operation, the HTTP status and S3's error code
// (e.g. SignatureDoesNotMatch, AccessDenied, NoSuchBucket); never the key's
// contents, which the store does not know anyway.
func statusError(op string, resp *http.Response) error {
	var body struct {
		Code string `xml:"Code"`
	}
	_ = xml.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&body)
	return errs.Wrap(fmt.Errorf("S3 %s: HTTP %d %s", op, resp.StatusCode, body.Code), "blob")
}
