package blob

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/afterward/afterward/internal/errs"
)

// S3Config locates one bucket (and an optional key prefix in it) on an
// S3-compatible server.
type S3Config struct {
	Endpoint    *url.URL // scheme and host (and port) of the server
	Bucket      string
	Prefix      string // "" or slash-separated segments, no leading or trailing slash
	Region      string
	VirtualHost bool // bucket in the host name (AWS) rather than in the path
	Credentials Credentials
}

var (
	bucketPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`)
	regionPattern = regexp.MustCompile(`^[a-z0-9-]{1,40}$`)
)

// ParseS3URL reads a blob URL of the form
//
//	s3://[ACCESS:SECRET@]bucket[/prefix]?endpoint=https://host&region=R&style=path|virtual
//
// Credentials come from the userinfo if present, else from getenv
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). Region
// defaults to AWS_REGION, then us-east-1; without an endpoint the AWS
// endpoint of the region is used with virtual-host addressing, with an
// endpoint path-style addressing (what MinIO, Ceph and Garage expect)
// unless style=virtual. Error messages never repeat the URL, which may
// hold a secret.
func ParseS3URL(raw string, getenv func(string) string) (S3Config, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" {
		return S3Config{}, errs.E(errs.Invalid, "blob URL must look like s3://bucket/prefix?endpoint=https://host&region=us-east-1")
	}
	if !bucketPattern.MatchString(u.Host) || strings.Contains(u.Host, "..") {
		return S3Config{}, errs.E(errs.Invalid, "blob URL: bucket name must be 3 to 63 characters of a-z, 0-9, '.' and '-'")
	}
	cfg := S3Config{Bucket: u.Host, Prefix: strings.Trim(u.Path, "/")}
	if cfg.Prefix != "" && (!prefixPattern.MatchString(cfg.Prefix) || hasDotSegment(cfg.Prefix)) {
		return S3Config{}, errs.E(errs.Invalid, "blob URL: prefix must be path segments of A-Z, a-z, 0-9, '.', '_' and '-'")
	}
	q := u.Query()
	if err := cfg.setRegionAndEndpoint(q, getenv); err != nil {
		return S3Config{}, err
	}
	if err := cfg.setCredentials(u.User, getenv); err != nil {
		return S3Config{}, err
	}
	return cfg, nil
}

func (c *S3Config) setRegionAndEndpoint(q url.Values, getenv func(string) string) error {
	c.Region = firstNonEmpty(q.Get("region"), getenv("AWS_REGION"), "us-east-1")
	if !regionPattern.MatchString(c.Region) {
		return errs.E(errs.Invalid, "blob URL: region must be lower-case letters, digits and '-', for example us-east-1")
	}
	endpoint := q.Get("endpoint")
	c.VirtualHost = endpoint == ""
	if endpoint == "" {
		endpoint = "https://s3." + c.Region + ".amazonaws.com"
	}
	e, err := url.Parse(endpoint)
	if err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" || strings.Trim(e.Path, "/") != "" || e.User != nil {
		return errs.E(errs.Invalid, "blob URL: endpoint must be an http(s) URL with a host and no path, for example https://s3.example.org")
	}
	c.Endpoint = &url.URL{Scheme: e.Scheme, Host: e.Host}
	switch q.Get("style") {
	case "":
	case "path":
		c.VirtualHost = false
	case "virtual":
		c.VirtualHost = true
	default:
		return errs.E(errs.Invalid, "blob URL: style must be path or virtual")
	}
	return nil
}

func (c *S3Config) setCredentials(user *url.Userinfo, getenv func(string) string) error {
	if user != nil {
		c.Credentials.AccessKey = user.Username()
		c.Credentials.SecretKey, _ = user.Password()
	} else {
		c.Credentials = Credentials{
			AccessKey:    getenv("AWS_ACCESS_KEY_ID"),
			SecretKey:    getenv("AWS_SECRET_ACCESS_KEY"),
			SessionToken: getenv("AWS_SESSION_TOKEN"),
		}
	}
	if c.Credentials.AccessKey == "" || c.Credentials.SecretKey == "" {
		return errs.E(errs.Invalid, "blob URL: no S3 credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ACCESS:SECRET@ in the URL)")
	}
	return nil
}

func hasDotSegment(prefix string) bool {
	for _, s := range strings.Split(prefix, "/") {
		if s == "." || s == ".." {
			return true
		}
	}
	return false
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
