package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/vetting"
)

func runServe(ctx context.Context, env Env, args []string) error {
	cfg, err := parseFlags("serve", env, args, nil)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, cfg.LogFormat)
	cfg.ApplyMemoryLimit()
	a, err := Build(ctx, cfg, log, env.now)
	if err != nil {
		return err
	}
	defer a.Close()
	warmClassifiers(log)
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("afterward listening", "url", cfg.BaseURL, "addr", ln.Addr().String(), "database", string(a.DB.Dialect))
	return a.Serve(ctx, ln)
}

// warmClassifiers trains the text classifiers before the server listens:
// a server is ready when it answers, and the first journal save must not
// wait for training.
func warmClassifiers(log *slog.Logger) {
	start := time.Now()
	var wg sync.WaitGroup
	wg.Go(safety.Warm) // the two train independently: on two cores at once
	vetting.Warm()
	wg.Wait()
	log.Info("text classifiers ready", "ms", time.Since(start).Milliseconds())
}

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, usagef("cannot listen on %s (%v); choose another address with --addr", addr, rootCause(err))
	}
	return ln, nil
}

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// Serve runs the job queue and the HTTP server until ctx ends, then shuts
// both down gracefully: in-flight requests and jobs get up to 20 seconds.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if err := a.Queue.Start(ctx); err != nil {
		if ctx.Err() != nil {
			// Stopped while starting (a test that ends at once, a signal
			// during start-up): a normal stop, not a failure.
			return nil
		}
		return fmt.Errorf("starting job queue: %w", err)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	key, err := auditKey(a.Cfg)
	if err != nil {
		return err
	}
	cpCtx, stopCheckpoints := context.WithCancel(ctx)
	checkpointsDone := a.startCheckpoints(cpCtx, key)
	defer func() { stopCheckpoints(); <-checkpointsDone }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if qerr := a.Queue.Stop(shutdownCtx); qerr != nil {
		err = errors.Join(err, qerr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
