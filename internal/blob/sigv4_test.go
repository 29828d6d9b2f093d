package blob

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// awsGetObjectExample is the "GET Object" example of the AWS S3 SigV4
// documentation (Authenticating Requests: Using the Authorization Header,
// "Examples: Signature Calculations"): the first 10 bytes of test.txt in
// examplebucket, with AWS's published example credentials.
var awsGetObjectExample = struct {
	creds                   Credentials
	url, rangeHeader        string
	time                    time.Time
	canonical, stringToSign string
	authorization           string
}{
	creds:       Credentials{AccessKey: "AKIAIOSFODNN7EXAMPLE", SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
	url:         "https://examplebucket.s3.amazonaws.com/test.txt",
	rangeHeader: "bytes=0-9",
	time:        time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC),
	canonical: "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n" +
		"x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" +
		"x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	stringToSign: "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
		"7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
	authorization: "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
		"SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
		"Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
}

func exampleRequest(t *testing.T) *http.Request {
	t.Helper()
	ex := awsGetObjectExample
	req, err := http.NewRequest(http.MethodGet, ex.url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Range", ex.rangeHeader)
	return req
}

func TestSignV4AWSGetObjectExample(t *testing.T) {
	ex := awsGetObjectExample
	req := exampleRequest(t)
	SignV4(req, ex.creds, "us-east-1", "s3", EmptyPayloadHash, ex.time)
	if got, want := req.Header.Get("Authorization"), ex.authorization; got != want {
		t.Errorf("Authorization:\n got %s\nwant %s", got, want)
	}
	canonical, _ := canonicalRequest(req, EmptyPayloadHash)
	if got, want := canonical, ex.canonical; got != want {
		t.Errorf("canonical request:\n got %q\nwant %q", got, want)
	}
	if got, want := hexSHA256([]byte(canonical)), ex.stringToSign[strings.LastIndex(ex.stringToSign, "\n")+1:]; got != want {
		t.Errorf("canonical request hash: got %s, want %s", got, want)
	}
	if got, want := req.Header.Get("X-Amz-Date"), "20130524T000000Z"; got != want {
		t.Errorf("X-Amz-Date: got %s, want %s", got, want)
	}
}

func TestSignV4Changes(t *testing.T) {
	ex := awsGetObjectExample
	base := exampleRequest(t)
	SignV4(base, ex.creds, "us-east-1", "s3", EmptyPayloadHash, ex.time)
	tests := []struct {
		name   string
		mutate func(r *http.Request, c *Credentials, region *string, at *time.Time)
	}{
		{"other secret", func(r *http.Request, c *Credentials, _ *string, _ *time.Time) { c.SecretKey += "x" }},
		{"other region", func(_ *http.Request, _ *Credentials, region *string, _ *time.Time) { *region = "eu-west-1" }},
		{"one second later", func(_ *http.Request, _ *Credentials, _ *string, at *time.Time) { *at = at.Add(time.Second) }},
		{"other range", func(r *http.Request, _ *Credentials, _ *string, _ *time.Time) { r.Header.Set("Range", "bytes=0-10") }},
		{"other path", func(r *http.Request, _ *Credentials, _ *string, _ *time.Time) { r.URL.Path = "/test.txu" }},
		{"session token", func(_ *http.Request, c *Credentials, _ *string, _ *time.Time) { c.SessionToken = "tok" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := exampleRequest(t)
			creds, region, at := ex.creds, "us-east-1", ex.time
			tc.mutate(req, &creds, &region, &at)
			SignV4(req, creds, region, "s3", EmptyPayloadHash, at)
			if got := req.Header.Get("Authorization"); got == base.Header.Get("Authorization") {
				t.Errorf("signature unchanged: %s", got)
			}
		})
	}
}

func TestCanonicalEncoding(t *testing.T) {
	tests := []struct {
		name, rawURL, wantURI, wantQuery string
	}{
		{"root", "https://h", "/", ""},
		{"space and unicode", "https://h/b/a%20b/%C3%A9", "/b/a%20b/%C3%A9", ""},
		{"reserved kept unencoded", "https://h/b/a-b_c.d~e", "/b/a-b_c.d~e", ""},
		{"plus and equals encoded", "https://h/b/a+b=c", "/b/a%2Bb%3Dc", ""},
		{"query sorted and encoded", "https://h/b?z=1&a=x%20y&a=b", "/b", "a=b&a=x%20y&z=1"},
		{"empty query value", "https://h/b?acl", "/b", "acl="},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tc.rawURL, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := canonicalURI(req.URL), tc.wantURI; got != want {
				t.Errorf("URI: got %q, want %q", got, want)
			}
			if got, want := canonicalQuery(req.URL.Query()), tc.wantQuery; got != want {
				t.Errorf("query: got %q, want %q", got, want)
			}
		})
	}
}

// FuzzURIEncode: the encoding only ever emits unreserved bytes and %XX,
// and decodes back to its input.
func FuzzURIEncode(f *testing.F) {
	for _, seed := range []string{"", "a b", "é", "~-_.", "%", "/", "\x00\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := uriEncode(s)
		for i := 0; i < len(enc); i++ {
			c := enc[i]
			ok := 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~%", c) >= 0
			if !ok {
				t.Fatalf("uriEncode(%q) = %q has byte %q", s, enc, c)
			}
		}
		dec, err := urlUnescapeForTest(enc)
		if err != nil || dec != s {
			t.Errorf("round trip of %q: got %q, %v", s, dec, err)
		}
	})
}
