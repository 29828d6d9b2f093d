package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

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
	logins, err := demo.Seed(ctx, a.DB, demo.Services{Accounts: a.Accounts, Practices: a.Practices, Progress: a.Progress}, env.now())
	if err != nil {
		return fmt.Errorf("creating demo data: %w", err)
	}
	printDemo(env.Stdout, cfg, logins, noServe)
	if noServe {
		return nil
	}
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	return a.Serve(ctx, ln)
}

func printDemo(w io.Writer, cfg Config, logins []demo.Login, noServe bool) {
	dir, _ := filepath.Abs(cfg.DataDir)
	fmt.Fprintf(w, "Afterward demo practice: Riverbend Integration Collective\n")
	fmt.Fprintf(w, "Data directory: %s\n", dir)
	if !noServe {
		fmt.Fprintf(w, "Open %s in your browser (Ctrl-C stops the server).\n", cfg.BaseURL)
	}
	fmt.Fprintf(w, "\nEvery demo account's password: %s\n", demo.Password)
	for _, l := range logins {
		fmt.Fprintf(w, "  %-10s %-22s %s\n", l.Role, l.Name, l.Email)
	}
	fmt.Fprintln(w)
}
