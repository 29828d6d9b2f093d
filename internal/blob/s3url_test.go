package blob

import (
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/errs"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseS3URL(t *testing.T) {
	awsEnv := envOf(map[string]string{"AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "tok"})
	tests := []struct {
		name, raw         string
		env               func(string) string
		wantObject        string // objectURL("att/ab")
		wantRegion        string
		wantKey, wantTokn string
	}{
		{"brief example", "s3://bucket/prefix?endpoint=https://s3.example.org&region=us-east-1", awsEnv,
			"https://s3.example.org/bucket/prefix/att/ab", "us-east-1", "ENVKEY", "tok"},
		{"no prefix, default AWS endpoint and region", "s3://my-bucket", awsEnv,
			"https://my-bucket.s3.us-east-1.amazonaws.com/att/ab", "us-east-1", "ENVKEY", "tok"},
		{"AWS_REGION default", "s3://my-bucket/p", envOf(map[string]string{"AWS_REGION": "eu-central-1", "AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"}),
			"https://my-bucket.s3.eu-central-1.amazonaws.com/p/att/ab", "eu-central-1", "K", ""},
		{"userinfo wins over env", "s3://U:P%2Fw@bkt/a/b/?endpoint=http://127.0.0.1:9000", awsEnv,
			"http://127.0.0.1:9000/bkt/a/b/att/ab", "us-east-1", "U", ""},
		{"virtual style on a custom endpoint", "s3://bkt?endpoint=https://s3.example.org&style=virtual", awsEnv,
			"https://bkt.s3.example.org/att/ab", "us-east-1", "ENVKEY", "tok"},
		{"path style on AWS", "s3://bkt?style=path&region=eu-west-1", awsEnv,
			"https://s3.eu-west-1.amazonaws.com/bkt/att/ab", "eu-west-1", "ENVKEY", "tok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ParseS3URL(tc.raw, tc.env)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := NewS3(cfg, nil).objectURL("att/ab"), tc.wantObject; got != want {
				t.Errorf("object URL: got %s, want %s", got, want)
			}
			if got, want := cfg.Region, tc.wantRegion; got != want {
				t.Errorf("region: got %s, want %s", got, want)
			}
			if got, want := cfg.Credentials.AccessKey, tc.wantKey; got != want {
				t.Errorf("access key: got %s, want %s", got, want)
			}
			if got, want := cfg.Credentials.SessionToken, tc.wantTokn; got != want {
				t.Errorf("session token: got %q, want %q", got, want)
			}
		})
	}
	cfg, _ := ParseS3URL("s3://U:P%2Fw@bkt", nil)
	if got, want := cfg.Credentials.SecretKey, "P/w"; got != want {
		t.Errorf("secret from userinfo: got %q, want %q", got, want)
	}
}

func TestParseS3URLRejects(t *testing.T) {
	creds := envOf(map[string]string{"AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"})
	tests := []struct{ name, raw string }{
		{"not s3", "https://bucket/x"},
		{"no bucket", "s3:///prefix"},
		{"bucket too short", "s3://ab"},
		{"bucket upper case", "s3://MyBucket"},
		{"bucket too long", "s3://" + strings.Repeat("a", 64)},
		{"bucket double dot", "s3://a..b"},
		{"prefix with dot-dot", "s3://bucket/a/../b"},
		{"prefix with space", "s3://bucket/a%20b"},
		{"prefix with empty segment", "s3://bucket/a//b"},
		{"endpoint not http", "s3://bucket?endpoint=ftp://h"},
		{"endpoint without host", "s3://bucket?endpoint=https://"},
		{"endpoint with path", "s3://bucket?endpoint=https://h/x"},
		{"endpoint with userinfo", "s3://bucket?endpoint=https://u:p@h"},
		{"bad region", "s3://bucket?region=US_EAST"},
		{"bad style", "s3://bucket?style=dns"},
		{"userinfo without secret", "s3://KEYONLY@bucket"},
		{"garbage", "s3://%zz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseS3URL(tc.raw, creds)
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("got %v, want invalid", err)
			}
			if strings.Contains(err.Error(), "KEYONLY") {
				t.Errorf("error repeats the URL's credentials: %v", err)
			}
		})
	}
	if _, err := ParseS3URL("s3://bucket", nil); !errs.Is(err, errs.Invalid) {
		t.Errorf("no credentials anywhere: got %v, want invalid", err)
	}
}

// FuzzParseS3URL: an accepted URL always yields a valid bucket, a prefix
// without dot segments, and credentials; errors never echo the input.
func FuzzParseS3URL(f *testing.F) {
	for _, seed := range []string{"s3://bucket/p?endpoint=http://127.0.0.1:9000", "s3://a:b@bkt", "s3://bkt/../x", "s3://b%2Fk", "s3://bkt?style=virtual&region=x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cfg, err := ParseS3URL(raw, envOf(map[string]string{"AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S"}))
		if err != nil {
			if len(raw) > 8 && strings.Contains(err.Error(), raw) {
				t.Errorf("error echoes the URL: %v", err)
			}
			return
		}
		if !bucketPattern.MatchString(cfg.Bucket) || hasDotSegment(cfg.Prefix) || strings.Contains(cfg.Prefix, "//") {
			t.Errorf("accepted %q as bucket %q prefix %q", raw, cfg.Bucket, cfg.Prefix)
		}
		if cfg.Credentials.AccessKey == "" || cfg.Credentials.SecretKey == "" || cfg.Endpoint == nil {
			t.Errorf("accepted %q without credentials or endpoint", raw)
		}
	})
}
