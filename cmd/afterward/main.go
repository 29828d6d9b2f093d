// Command afterward is the single binary of the Afterward integration-coaching
// platform. It only wires the process to app.Main; everything else lives in
// internal/app.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/afterward/afterward/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app.Main(ctx, os.Args[1:], app.Env{
		Getenv: os.Getenv,
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	})
	stop()
	os.Exit(code)
}
