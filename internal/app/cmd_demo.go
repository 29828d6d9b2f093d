package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/demo"
)

func runDemo(ctx context.Context, env Env, args []string) error {
	noServe := false
	cfg, err := parseFlagsWithDefaults("demo", env, args, func(c *Config) { c.DataDir = "./afterward-demo" },
		func(fs *flag.FlagSet) { fs.BoolVar(&noServe, "no-serve", false, "prepare the demo data and exit") })
	if err != nil {
		return err
	}
	cfg.Demo = true
	log := newLogger(env.Stderr, cfg.LogFormat)
	a, err := Build(ctx, cfg, log, env.now)
	if err != nil {
		return err
	}
	defer a.Close()
	logins, err := demo.Seed(ctx, a.DB, a.DemoServices(), env.now())
	if err != nil {
		return fmt.Errorf("creating demo data: %w", err)
	}
	printDemo(env.Stdout, cfg, logins, noServe, env.now())
	if noServe {
		return nil
	}
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	return a.Serve(ctx, ln)
}

func printDemo(w io.Writer, cfg Config, logins []demo.Login, noServe bool, now time.Time) {
	dir, _ := filepath.Abs(cfg.DataDir)
	fmt.Fprintf(w, "Afterward demo practice: Riverbend Integration Collective\n")
	fmt.Fprintf(w, "Data directory: %s\n", dir)
	if !noServe {
		fmt.Fprintf(w, "Open %s in your browser (Ctrl-C stops the server).\n", cfg.BaseURL)
	}
	fmt.Fprintf(w, "\nEvery demo account's password: %s\n", demo.Password)
	fmt.Fprintf(w, "Staff (admin, coaches, clinician) also enter a 6-digit code: add this secret to your authenticator app: %s\n", demo.TOTPSecret)
	if code, err := totp.GenerateCode(demo.TOTPSecret, now); err == nil {
		fmt.Fprintf(w, "  (or use the current code %s, valid for about 30 seconds; each code works once)\n", code)
	}
	fmt.Fprintf(w, "Clients have no second step and can also ask for an emailed sign-in link (mail lands in %s).\n", filepath.Join(dir, "outbox"))
	fmt.Fprintf(w, "Sign-up is open in the demo: %s/signup, or \"Start with this coach\" on a coach's profile (the link arrives in the same place).\n", cfg.BaseURL)
	for _, l := range logins {
		fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("  %-10s %-22s %-34s %s", l.Role, l.Name, l.Email, l.State), " "))
	}
	// The demo keeps its data apart from a real practice's default
	// (./afterward-data), so the other commands need to be told where it is.
	d := shellQuote(cfg.DataDir)
	fmt.Fprintf(w, "\nThe other commands read this practice with --data-dir, for example:\n")
	fmt.Fprintf(w, "  afterward audit verify --data-dir %s\n", d)
	fmt.Fprintf(w, "  afterward export fhir --client aisha@client.example.org --data-dir %s\n", d)
	fmt.Fprintf(w, "  afterward backup --out afterward-demo.tar --data-dir %s\n", d)
	fmt.Fprintln(w)
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " '\"$`\\;&|<>()*?") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
