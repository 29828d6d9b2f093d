// Package app wires Afterward together: configuration, subcommands and the
// hand-written dependency graph. It is the only package that knows every
// other package.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Env is the process environment a command runs in. Tests build their own.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (e Env) now() time.Time {
	if e.Now != nil {
		return e.Now().UTC()
	}
	return time.Now().UTC()
}

func (e Env) getenv(key string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(key)
}

// command is one subcommand of the binary.
type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

// commands lists every subcommand. Keep it sorted by name.
func commands() map[string]command {
	return map[string]command{
		"audit":       {"check the audit trail: afterward audit verify", runAudit},
		"backup":      {"write a backup archive: the SQLite database and attachments (--out FILE)", runBackup},
		"calendar":    {"print a coach's or client's iCalendar feed: afterward calendar --user EMAIL", runCalendar},
		"demo":        {"create a sample practice on SQLite and serve it", runDemo},
		"export":      {"export a client's record: afterward export fhir --client EMAIL", runExport},
		"import":      {"import a FHIR R4 QuestionnaireResponse: afterward import fhir --client EMAIL < response.json", runImport},
		"keys":        {"re-wrap every data key under a new master key: afterward keys rotate", runKeys},
		"migrate":     {"apply or list database migrations (migrate apply|status)", runMigrate},
		"outcomes":    {"practice outcomes: afterward outcomes analyze FILE.csv", runOutcomes},
		"restore":     {"restore a backup archive into the data directory (--from FILE [--force])", runRestore},
		"safety":      {"scan text for crisis language (safety scan < text)", runSafety},
		"score":       {"score a questionnaire: afterward score INSTRUMENT < answers.json", runScore},
		"serve":       {"run the web server", runServe},
		"triage":      {"triage one intake (JSON on standard input)", runTriage},
		"version":     {"print the version", runVersion},
		"vet-profile": {"screen coach profile text on stdin; print flags as JSON", runVetProfile},
	}
}

// UsageError is a problem with the input a person gave (flags, standard
// input, configuration). It exits with status 2 and one clear line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// usagef builds a UsageError.
func usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// reportedError is a run-time failure the command has already described
// in its own words on stderr; Main only sets the exit status.
type reportedError struct{ code int }

func (e *reportedError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs the command line and returns the process exit status:
// 0 success, 1 failure at run time, 2 bad input or configuration.
func Main(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "afterward: unknown command %q (run 'afterward help' for the list)\n", args[0])
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	return exitStatus(env.Stderr, err)
}

func exitStatus(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var reported *reportedError
	if errors.As(err, &reported) {
		return reported.code
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		fmt.Fprintln(stderr, "afterward: "+oneLine(usage.Msg))
		return 2
	}
	fmt.Fprintln(stderr, "afterward: "+oneLine(err.Error()))
	return 1
}

// oneLine keeps error output to a single line whatever a library returned.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: afterward COMMAND [flags]\n\ncommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
}
