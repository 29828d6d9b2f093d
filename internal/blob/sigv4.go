package blob

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Credentials sign S3 requests. SessionToken is only set for temporary
// credentials (AWS_SESSION_TOKEN).
type Credentials struct {
	AccessKey    string
	SecretKey    string
	SessionToken string
}

// EmptyPayloadHash is the SHA-256 of no bytes, the payload hash of GET and
// DELETE requests.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

const sigV4Algorithm = "AWS4-HMAC-SHA256"

// SignV4 signs req with AWS Signature Version 4 (header form) for service
// in region at time t: it sets X-Amz-Date, X-Amz-Content-Sha256 (the hex
// SHA-256 of the body, which the caller computed), X-Amz-Security-Token if
// any, and Authorization. Every header already on req that S3 requires to
// be signed, or that a proxy could alter to change the meaning (Range,
// Content-Type, Content-MD5, X-Amz-*), is signed together with Host.
func SignV4(req *http.Request, creds Credentials, region, service, payloadHash string, t time.Time) {
	stamp := t.UTC().Format("20060102T150405Z")
	req.Header.Set("X-Amz-Date", stamp)
	req.Header.Set("X-Amz-Content-Sha256", payloadHash)
	if creds.SessionToken != "" {
		req.Header.Set("X-Amz-Security-Token", creds.SessionToken)
	}
	canonical, signed := canonicalRequest(req, payloadHash)
	scope := stamp[:8] + "/" + region + "/" + service + "/aws4_request"
	toSign := sigV4Algorithm + "\n" + stamp + "\n" + scope + "\n" + hexSHA256([]byte(canonical))
	key := signingKey(creds.SecretKey, stamp[:8], region, service)
	signature := hex.EncodeToString(hmacSHA256(key, toSign))
	req.Header.Set("Authorization", sigV4Algorithm+" Credential="+creds.AccessKey+"/"+scope+
		",SignedHeaders="+signed+",Signature="+signature)
}

// canonicalRequest builds the SigV4 canonical request and the
// semicolon-separated list of signed header names.
func canonicalRequest(req *http.Request, payloadHash string) (canonical, signedHeaders string) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	values := map[string]string{"host": host}
	for name, vals := range req.Header {
		lower := strings.ToLower(name)
		if signsHeader(lower) {
			trimmed := make([]string, len(vals))
			for i, v := range vals {
				trimmed[i] = strings.Join(strings.Fields(v), " ")
			}
			values[lower] = strings.Join(trimmed, ",")
		}
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var headers strings.Builder
	for _, name := range names {
		headers.WriteString(name + ":" + values[name] + "\n")
	}
	signedHeaders = strings.Join(names, ";")
	canonical = strings.Join([]string{
		req.Method,
		canonicalURI(req.URL),
		canonicalQuery(req.URL.Query()),
		headers.String(),
		signedHeaders,
		payloadHash,
	}, "\n")
	return canonical, signedHeaders
}

func signsHeader(lower string) bool {
	switch lower {
	case "content-md5", "content-type", "range":
		return true
	}
	return strings.HasPrefix(lower, "x-amz-")
}

// canonicalURI encodes each path segment once (S3 does not double-encode).
func canonicalURI(u *url.URL) string {
	path := u.Path
	if path == "" {
		return "/"
	}
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = uriEncode(s)
	}
	return strings.Join(segments, "/")
}

func canonicalQuery(q url.Values) string {
	pairs := make([]string, 0, len(q))
	for name, vals := range q {
		for _, v := range vals {
			pairs = append(pairs, uriEncode(name)+"="+uriEncode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// uriEncode is SigV4's encoding: every byte except A-Z a-z 0-9 - _ . ~ is
// percent-encoded with upper-case hex.
func uriEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, "aws4_request")
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
