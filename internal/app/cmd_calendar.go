package app

import (
	"bytes"
	"context"
	"flag"
	"strings"

	"github.com/afterward/afterward/internal/calendar"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/schedule"
)

// runCalendar implements `afterward calendar --user EMAIL`: the same
// iCalendar feed that the person's private calendar URL serves, printed for
// the configured database. The feed is built in memory first so a failure
// prints nothing on standard output.
func runCalendar(ctx context.Context, env Env, args []string) error {
	var email string
	cfg, err := parseFlags("calendar", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "user", "", "email address of the coach or client whose calendar to print")
	})
	if err != nil {
		return err
	}
	cfg.Existing = true
	if strings.TrimSpace(email) == "" {
		return usagef("missing --user EMAIL (the coach or client whose calendar to print)")
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	feed, err := schedule.NewService(schedule.Deps{DB: db, Now: env.now}).FeedForEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return usagef("no account with email %q in this database", strings.TrimSpace(email))
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := calendar.Write(&buf, feed, env.now()); err != nil {
		return err
	}
	_, err = buf.WriteTo(env.Stdout)
	return err
}
