package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/httpx"
	"github.com/afterward/afterward/internal/store"
)

// Config is everything a server needs to know, from flags and AFTERWARD_*
// environment variables (flags win).
type Config struct {
	Addr        string // listen address
	DatabaseURL string // postgres://… or a SQLite path; empty = DataDir/afterward.db
	DataDir     string // master key, erasure ledger, SQLite file, blobs
	BlobURL     string // s3://bucket/prefix?endpoint=…; empty = DataDir/blobs
	BaseURL     string // public URL, used in emails and to decide on Secure cookies
	LogFormat   string // text or json
	SMTPURL     string // smtp://user:pass@host:587; empty writes mail to DataDir/outbox
	MailFrom    string // From address of every email
	StripeAPI   string // Stripe API base URL (stripe-mock in tests); keys are per practice
	Demo        bool   // demo mode: fixed demo secrets are allowed
	// Existing is set by commands that read a practice (calendar, export,
	// audit verify …): a missing database is then an error naming the data
	// directory, never a new empty practice with a new master key.
	Existing bool
	// TrustedProxies lists the reverse proxies (addresses or CIDR ranges)
	// whose X-Forwarded-For names the client; empty trusts none.
	TrustedProxies string
	proxyNets      []netip.Prefix
	// MemoryLimit is the server's soft memory limit in megabytes (MiB),
	// "0" to leave the Go runtime's own (GOMEMLIMIT, or none); see
	// ApplyMemoryLimit. MemoryLimitMB is it parsed.
	MemoryLimit   string
	MemoryLimitMB int64
	// MetricsToken is the bearer token Prometheus sends to /metrics
	// (AFTERWARD_METRICS_TOKEN, never a flag); empty turns /metrics off.
	MetricsToken string
	// Getenv reads secrets that never go on a command line
	// (AFTERWARD_MASTER_KEY); set from the process environment.
	Getenv func(string) string
}

// DefaultConfig is the configuration with nothing set.
func DefaultConfig() Config {
	return Config{
		Addr:      "127.0.0.1:8080",
		DataDir:   "./afterward-data",
		LogFormat: "text",
		MailFrom:  "Afterward <no-reply@afterward.localhost>",
		// 140 MiB keeps a server with a large practice under 200 MB
		// resident (issue 17) with the collector at GCPercent: ~35 MB of
		// what is resident (the program's own code and data, SQLite's
		// page caches) is outside the Go runtime's count.
		MemoryLimit:   "140",
		MemoryLimitMB: 140,
	}
}

// GCPercent is the collector's target (GOGC) that ApplyMemoryLimit sets
// under a soft memory limit: a cycle once the heap has grown by twice
// what is live, not once. The limit, not GOGC, then bounds the heap, so
// the pages' collections halve (issue 17: a collection every ~250 page
// views at 100, the collector and its allocation ~20 % of a page's CPU)
// while resident memory stays under the limit's bound.
const GCPercent = 200

// gcPercent is the GOGC ApplyMemoryLimit sets: GCPercent under a limit
// of Afterward's own (limitMB > 0), unless the GOGC environment variable
// sets the runtime's own; 0 changes nothing.
func gcPercent(limitMB int64, gogc string) int {
	if limitMB <= 0 || gogc != "" {
		return 0
	}
	return GCPercent
}

// ApplyMemoryLimit sets the Go runtime's soft memory limit to MemoryLimitMB:
// the collector runs more often as the heap nears it, instead of letting it
// grow to twice what is live, so bursts of large pages (the outcomes page
// over a million responses, 32 at once) do not lift resident memory past
// it. It is soft: a heap that must be larger still grows, and the
// collector then takes at most about half the CPU. Under the limit the
// collector's target is GCPercent (gcPercent). 0 changes nothing.
func (c Config) ApplyMemoryLimit() {
	if c.MemoryLimitMB > 0 {
		debug.SetMemoryLimit(c.MemoryLimitMB << 20)
	}
	if p := gcPercent(c.MemoryLimitMB, os.Getenv("GOGC")); p > 0 {
		debug.SetGCPercent(p)
	}
}

// bindFlags registers the shared flags, with defaults from the environment.
func (c *Config) bindFlags(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "AFTERWARD_ADDR", c.Addr), "listen address (AFTERWARD_ADDR)")
	fs.StringVar(&c.DatabaseURL, "db", envOr(getenv, "AFTERWARD_DATABASE_URL", c.DatabaseURL), "database URL: postgres://… or a SQLite file path (AFTERWARD_DATABASE_URL; default DATA_DIR/afterward.db)")
	fs.StringVar(&c.DataDir, "data-dir", envOr(getenv, "AFTERWARD_DATA_DIR", c.DataDir), "data directory (AFTERWARD_DATA_DIR)")
	fs.StringVar(&c.BlobURL, "blob-url", envOr(getenv, "AFTERWARD_BLOB_URL", c.BlobURL), "shared file store: s3://bucket/prefix?endpoint=https://s3.example.org&region=us-east-1, credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (AFTERWARD_BLOB_URL; default DATA_DIR/blobs)")
	fs.StringVar(&c.BaseURL, "base-url", envOr(getenv, "AFTERWARD_BASE_URL", c.BaseURL), "public base URL, e.g. https://care.example.org (AFTERWARD_BASE_URL; default http://ADDR)")
	fs.StringVar(&c.SMTPURL, "smtp", envOr(getenv, "AFTERWARD_SMTP_URL", c.SMTPURL), "mail server: smtp://user:pass@host:587, smtps://…, smtp+insecure://host:25 (AFTERWARD_SMTP_URL; default: write .eml files to DATA_DIR/outbox)")
	fs.StringVar(&c.MailFrom, "mail-from", envOr(getenv, "AFTERWARD_MAIL_FROM", c.MailFrom), "From address of emails (AFTERWARD_MAIL_FROM)")
	fs.StringVar(&c.StripeAPI, "stripe-api", envOr(getenv, "AFTERWARD_STRIPE_API_URL", c.StripeAPI), "Stripe API base URL (AFTERWARD_STRIPE_API_URL; default https://api.stripe.com)")
	fs.StringVar(&c.LogFormat, "log-format", envOr(getenv, "AFTERWARD_LOG_FORMAT", c.LogFormat), "log format: text or json (AFTERWARD_LOG_FORMAT)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", envOr(getenv, "AFTERWARD_TRUSTED_PROXIES", c.TrustedProxies),
		"reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.0/8,192.0.2.10 (AFTERWARD_TRUSTED_PROXIES; default none)")
	fs.StringVar(&c.MemoryLimit, "memory-limit", envOr(getenv, "AFTERWARD_MEMORY_LIMIT", c.MemoryLimit),
		"soft memory limit of the server in MiB; 0 leaves Go's own (GOMEMLIMIT) (AFTERWARD_MEMORY_LIMIT)")
}

func envOr(getenv func(string) string, key, fallback string) string {
	if getenv != nil {
		if v := getenv(key); v != "" {
			return v
		}
	}
	return fallback
}

// validate checks the configuration and fills derived defaults.
func (c *Config) validate() error {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return usagef("--addr %q is not a listen address; use host:port, for example 127.0.0.1:8080", c.Addr)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return usagef("--log-format %q is not supported; use text or json", c.LogFormat)
	}
	limit, err := strconv.ParseInt(c.MemoryLimit, 10, 64)
	if err != nil || limit < 0 || limit > 1<<20 {
		return usagef("--memory-limit %q is not a number of MiB; use for example 140, or 0 for no limit of Afterward's own", c.MemoryLimit)
	}
	c.MemoryLimitMB = limit
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef("--base-url %q is not an http(s) URL, for example https://care.example.org", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.DataDir, "afterward.db")
	}
	if c.StripeAPI != "" {
		if u, err := url.Parse(c.StripeAPI); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--stripe-api %q is not an http(s) URL, for example https://api.stripe.com", c.StripeAPI)
		}
	}
	if c.BlobURL != "" {
		if _, err := blob.ParseS3URL(c.BlobURL, c.Getenv); err != nil {
			return usagef("--blob-url: %v", err)
		}
	}
	nets, err := httpx.ParseProxies(c.TrustedProxies)
	if err != nil {
		return usagef("--trusted-proxies %q: %v; use addresses or CIDR ranges separated by commas, for example 10.0.0.0/8,192.0.2.10", c.TrustedProxies, err)
	}
	c.proxyNets = nets
	return nil
}

// localBlobDir is where attachments live without --blob-url; empty when
// they are in an S3-compatible bucket.
func (c Config) localBlobDir() string {
	if c.BlobURL != "" {
		return ""
	}
	return filepath.Join(c.DataDir, "blobs")
}

// ProxyNets are the trusted proxies, parsed (see TrustedProxies).
func (c Config) ProxyNets() []netip.Prefix { return c.proxyNets }

// SecureCookies reports whether cookies must carry the Secure attribute.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// ensureDataDir creates the data directory and proves it is writable.
func ensureDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return usagef("data directory %s cannot be created (%v); choose another with --data-dir or AFTERWARD_DATA_DIR", dir, rootCause(err))
	}
	probe := filepath.Join(dir, ".write-test")
	if err := os.WriteFile(probe, []byte("ok"), 0o600); err != nil {
		return usagef("data directory %s is not writable (%v); fix its permissions or choose another with --data-dir", dir, rootCause(err))
	}
	return os.Remove(probe)
}

func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// parseFlags parses args for a command with the shared flags plus any the
// command adds, and validates the result. Flag errors are usage errors.
func parseFlags(name string, env Env, args []string, extra func(fs *flag.FlagSet)) (Config, error) {
	return parseFlagsWithDefaults(name, env, args, nil, extra)
}

// parseFlagsWithDefaults is parseFlags with command-specific defaults
// applied before the environment and flags.
func parseFlagsWithDefaults(name string, env Env, args []string, defaults func(*Config), extra func(fs *flag.FlagSet)) (Config, error) {
	cfg := DefaultConfig()
	cfg.Getenv = env.Getenv
	if env.Getenv != nil {
		cfg.MetricsToken = env.Getenv("AFTERWARD_METRICS_TOKEN")
	}
	if defaults != nil {
		defaults(&cfg)
	}
	fs := flag.NewFlagSet("afterward "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.bindFlags(fs, env.Getenv)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.Stderr)
			fs.PrintDefaults()
			return cfg, usagef("usage: afterward %s [flags]", name)
		}
		return cfg, usagef("%v (run 'afterward %s -h' for the flags)", err, name)
	}
	if fs.NArg() > 0 {
		return cfg, usagef("unexpected argument %q (run 'afterward %s -h' for the flags)", fs.Arg(0), name)
	}
	return cfg, cfg.validate()
}

// openStore prepares the data directory (for SQLite), opens the database
// and applies migrations. Every failure names the problem and the fix.
func openStore(ctx context.Context, cfg Config) (*store.DB, error) {
	db, err := openStoreMigrated(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := bindAuditKey(ctx, db, cfg); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openStoreMigrated opens and migrates the database without binding the
// audit key (audit verify checks the key instead of recording it).
func openStoreMigrated(ctx context.Context, cfg Config) (*store.DB, error) {
	db, err := openStoreNoMigrate(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w", err)
	}
	return db, nil
}

// openStoreNoMigrate opens the database as it is. With cfg.Existing it
// refuses a database that holds no practice yet.
func openStoreNoMigrate(ctx context.Context, cfg Config) (*store.DB, error) {
	if !store.IsPostgresURL(cfg.DatabaseURL) {
		if err := prepareSQLitePath(cfg); err != nil {
			return nil, err
		}
	}
	db, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, usagef("%v; check --db or AFTERWARD_DATABASE_URL", rootCauseMsg(err))
	}
	if cfg.Existing {
		if err := checkSchema(ctx, db, cfg); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func prepareSQLitePath(cfg Config) error {
	if cfg.Existing {
		return checkExistingSQLite(cfg.DatabaseURL)
	}
	if err := ensureDataDir(cfg.DataDir); err != nil {
		return err
	}
	if dir := filepath.Dir(cfg.DatabaseURL); dir != "." {
		return ensureDataDir(dir)
	}
	return nil
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkExistingSQLite refuses a path that is missing, empty or not a
// SQLite database: opening it would create an empty practice.
func checkExistingSQLite(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return usagef("no Afterward database at %s; point --data-dir (or --db) at the practice's data directory (the demo's is ./afterward-demo)", path)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteHeader {
		return usagef("%s is not an Afterward database (not a SQLite file, or empty); check --data-dir or --db", path)
	}
	return nil
}

// checkSchema refuses a database on which no migration was ever applied.
func checkSchema(ctx context.Context, db *store.DB, cfg Config) error {
	statuses, err := db.MigrationStatuses(ctx)
	if err != nil {
		return err
	}
	for _, s := range statuses {
		if s.Applied {
			return nil
		}
	}
	return usagef("%s holds no Afterward practice (no migration applied); check --db or --data-dir", store.Redact(cfg.DatabaseURL))
}

// rootCauseMsg keeps the top-level message (which names the database) and
// drops library noise after it.
func rootCauseMsg(err error) string {
	return strings.SplitN(err.Error(), "\n", 2)[0]
}
