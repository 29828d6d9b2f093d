// Command afterward-bench measures Afterward's pages under load on a large
// practice, against a bare net/http handler measured in the same run.
//
//	go run ./cmd/afterward-bench -scenario client-journal -duration 10s -connections 32 [-engine postgres]
//
// It builds the practice once per data version and caches it under
// $XDG_CACHE_HOME/afterward-bench (never in git), starts the real server
// in-process on loopback, signs in the scenario's actor, drives closed-loop
// load with vegeta (one worker per connection, no think time), then the same
// load against a handler that writes 13 bytes, and prints one JSON line.
// It is a separate command so the product binary carries no load generator.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/app"
	"github.com/afterward/afterward/internal/store"
)

// options are the command's flags.
type options struct {
	scenario    string
	engine      string
	duration    time.Duration
	connections int
	postgres    string
	cpuProfile  string
	heapProfile string
	memoryMB    int64
	rebuild     bool
	table       string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "afterward-bench:", err)
		os.Exit(2)
	}
	if opt.table != "" {
		if err := printTable(opt.table, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "afterward-bench:", err)
			os.Exit(2)
		}
		return
	}
	res, err := run(ctx, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "afterward-bench:", oneLine(err.Error()))
		os.Exit(1)
	}
	line, _ := json.Marshal(res)
	fmt.Println(string(line))
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	opt := options{}
	fs := flag.NewFlagSet("afterward-bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opt.scenario, "scenario", "", "scenario: "+strings.Join(scenarioNames(), ", "))
	fs.StringVar(&opt.engine, "engine", "sqlite", "database engine: sqlite or postgres")
	fs.DurationVar(&opt.duration, "duration", 10*time.Second, "how long to drive each target")
	fs.IntVar(&opt.connections, "connections", 32, "concurrent connections (one worker each)")
	fs.StringVar(&opt.postgres, "postgres", envOr("AFTERWARD_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server for -engine postgres (AFTERWARD_BENCH_POSTGRES); the bench database is created on it")
	fs.StringVar(&opt.cpuProfile, "cpuprofile", "", "write a CPU profile of the server phase to this file")
	fs.StringVar(&opt.heapProfile, "heapprofile", "", "write a heap profile (allocations sampled every 4 KiB) taken halfway through the server phase to this file")
	fs.Int64Var(&opt.memoryMB, "memory-limit", app.DefaultConfig().MemoryLimitMB,
		"the server's soft memory limit in MiB, as serve's -memory-limit (0: Go's own, GOMEMLIMIT)")
	fs.BoolVar(&opt.rebuild, "rebuild", false, "rebuild the cached practice")
	fs.StringVar(&opt.table, "table", "", "print the Markdown table of a file of result lines, and run nothing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fs.PrintDefaults()
		}
		return opt, fmt.Errorf("%v (run with -h for the flags)", err)
	}
	switch {
	case fs.NArg() > 0:
		return opt, fmt.Errorf("unexpected argument %q (run with -h for the flags)", fs.Arg(0))
	case opt.table != "":
		return opt, nil
	case opt.scenario == "":
		return opt, fmt.Errorf("-scenario is required: one of %s", strings.Join(scenarioNames(), ", "))
	case !slices.Contains(scenarioNames(), opt.scenario):
		return opt, fmt.Errorf("-scenario %q is unknown: use one of %s", opt.scenario, strings.Join(scenarioNames(), ", "))
	case opt.engine != "sqlite" && opt.engine != "postgres":
		return opt, fmt.Errorf("-engine %q is unknown: use sqlite or postgres", opt.engine)
	case opt.duration < time.Second || opt.duration > time.Hour:
		return opt, fmt.Errorf("-duration %s is out of range: use 1s to 1h", opt.duration)
	case opt.connections < 1 || opt.connections > 1024:
		return opt, fmt.Errorf("-connections %d is out of range: use 1 to 1024", opt.connections)
	case opt.memoryMB < 0 || opt.memoryMB > 1<<20:
		return opt, fmt.Errorf("-memory-limit %d is out of range: use 0 to %d MiB", opt.memoryMB, 1<<20)
	}
	return opt, nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// result is the one JSON line.
type result struct {
	Scenario string  `json:"scenario"`
	Engine   string  `json:"engine"`
	RPS      float64 `json:"rps"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	Errors   uint64  `json:"errors"`
	HelloRPS float64 `json:"hello_rps"`
	Ratio    float64 `json:"ratio"`
	RSSMB    float64 `json:"rss_mb"`
	// CPU per request (server and load generator, microseconds) of the
	// page and of the reference handler, and their ratio: what ratio
	// would be if both were CPU-bound on the same cores, whatever else
	// runs on the machine.
	CPUus      float64 `json:"cpu_us"`
	HelloCPUus float64 `json:"hello_cpu_us"`
	CPURatio   float64 `json:"cpu_ratio"`
	// PostgreSQL's CPU per request of the page, when the database server
	// runs on this machine (databaseCPU): the page's cost to the machine
	// is CPUus plus this. On SQLite the database is in CPUus.
	DBCPUus float64 `json:"db_cpu_us,omitempty"`
	// Per request of the page: bytes and objects allocated, the
	// collector's CPU in microseconds (runtime/metrics' estimate), and
	// collections per thousand requests.
	AllocKB   float64 `json:"alloc_kb"`
	Allocs    float64 `json:"allocs"`
	GCus      float64 `json:"gc_cpu_us"`
	GCPer1000 float64 `json:"gc_per_1000"`
}

func run(ctx context.Context, opt options) (result, error) {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	cache := cacheFor(opt.engine, opt.postgres)
	if opt.rebuild {
		_ = os.Remove(cache.readyFile())
	}
	if err := ensurePractice(ctx, cache, opt.engine, opt.postgres, log); err != nil {
		return result{}, fmt.Errorf("building the bench practice: %w", err)
	}
	freeMemory()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	cfg := serverConfig(cache, ln.Addr().String())
	cfg.MemoryLimitMB = opt.memoryMB
	cfg.ApplyMemoryLimit() // as serve does: the default soft memory limit
	a, err := app.Build(ctx, cfg, log, now)
	if err != nil {
		ln.Close()
		return result{}, err
	}
	defer a.Close()
	srvCtx, stopServer := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.Serve(srvCtx, ln) }()
	defer func() { stopServer(); <-done }()

	waitForStartJobs(ctx, a.DB, log)
	sc := scenarios[opt.scenario]
	target, err := sc.prepare(ctx, cfg.BaseURL)
	if err != nil {
		return result{}, fmt.Errorf("preparing %s: %w", opt.scenario, err)
	}
	if opt.heapProfile != "" {
		// One sample per 4 KiB allocated rather than 512 KiB: enough to
		// tell one page's allocation sites apart (it costs some CPU, so
		// the run's other figures are not comparable with runs without).
		runtime.MemProfileRate = 4096
	}
	if opt.cpuProfile != "" {
		f, err := os.Create(opt.cpuProfile)
		if err != nil {
			return result{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return result{}, err
		}
	}
	rss := sampleRSS()
	heapDone := heapProfileAt(opt.heapProfile, opt.duration/2)
	db0, measured := databaseCPU(opt.engine, opt.postgres)
	m := attack(ctx, target, opt.connections, opt.duration)
	db1, _ := databaseCPU(opt.engine, opt.postgres)
	if err := <-heapDone; err != nil {
		return result{}, fmt.Errorf("heap profile: %w", err)
	}
	peak := rss.stop()
	if opt.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	hello, err := helloRate(ctx, opt.connections, opt.duration)
	if err != nil {
		return result{}, err
	}
	res := result{Scenario: opt.scenario, Engine: opt.engine, RPS: round(m.rps, 1), P50: ms(m.p50), P99: ms(m.p99),
		Errors: m.errors, HelloRPS: round(hello.rps, 1), RSSMB: round(float64(peak)/(1<<20), 1),
		CPUus: round(us(m.cpuPerReq), 1), HelloCPUus: round(us(hello.cpuPerReq), 1),
		AllocKB: round(m.runtime.allocBytes/1024, 1), Allocs: round(m.runtime.allocObjects, 0),
		GCus: round(m.runtime.gcCPU, 1), GCPer1000: round(m.runtime.gcCycles, 2)}
	if hello.rps > 0 {
		res.Ratio = round(m.rps/hello.rps, 4)
	}
	if measured && m.requests > 0 {
		res.DBCPUus = round(us((db1-db0)/time.Duration(m.requests)), 1)
	}
	if m.cpuPerReq > 0 {
		res.CPURatio = round(float64(hello.cpuPerReq)/float64(m.cpuPerReq), 4)
	}
	if m.firstError != "" {
		fmt.Fprintln(os.Stderr, "afterward-bench: first error:", oneLine(m.firstError))
	}
	return res, nil
}

// serverConfig is the in-process server's configuration on the cache.
func serverConfig(c practiceCache, addr string) app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir = c.Dir
	cfg.DatabaseURL = c.DatabaseURL
	cfg.Addr = addr
	cfg.BaseURL = "http://" + addr
	cfg.Demo = true
	cfg.Getenv = func(string) string { return "" }
	return cfg
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

func ms(d time.Duration) float64 { return round(float64(d)/float64(time.Millisecond), 2) }

func round(v float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// printTable turns the JSON lines of several runs into the Markdown table
// scripts/bench writes.
func printTable(path string, w io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "| scenario | engine | req/s | p50 ms | p99 ms | errors | hello req/s | ratio | RSS MB | CPU µs/req | hello CPU µs/req | CPU ratio | PostgreSQL CPU µs/req |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return fmt.Errorf("%s line %d is not a result: %v", path, i+1, err)
		}
		db := "—"
		if r.DBCPUus > 0 {
			db = fmt.Sprintf("%.0f", r.DBCPUus)
		}
		fmt.Fprintf(w, "| %s | %s | %.0f | %.1f | %.1f | %d | %.0f | %.4f | %.0f | %.0f | %.0f | %.4f | %s |\n",
			r.Scenario, r.Engine, r.RPS, r.P50, r.P99, r.Errors, r.HelloRPS, r.Ratio, r.RSSMB, r.CPUus, r.HelloCPUus, r.CPURatio, db)
	}
	return nil
}

// heapProfileAt writes a heap profile to path after d (while requests are
// in flight) and reports on the channel; with no path it reports at once.
func heapProfileAt(path string, d time.Duration) <-chan error {
	done := make(chan error, 1)
	if path == "" {
		done <- nil
		return done
	}
	go func() {
		time.Sleep(d)
		f, err := os.Create(path)
		if err != nil {
			done <- err
			return
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		done <- errors.Join(err, f.Close())
	}()
	return done
}

// waitForStartJobs lets the periodic tasks that run when a server starts
// (river's RunOnStart: on the bench practice the directory refresh
// recomputes about a thousand coaches' next open slot) finish before the
// load starts, so that they land in no scenario's figures; in a running
// deployment they recur once per interval, not per measurement. It gives
// up after a minute and says so.
func waitForStartJobs(ctx context.Context, db *store.DB, log *slog.Logger) {
	const q = `SELECT COUNT(*) FROM river_job WHERE state IN ('available', 'running')`
	deadline := time.Now().Add(time.Minute)
	time.Sleep(500 * time.Millisecond) // the scheduler inserts them just after start
	for time.Now().Before(deadline) {
		var n int
		if err := db.Reader().QueryRow(ctx, q).Scan(&n); err != nil || n == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	log.Warn("start-up jobs still running after a minute; measuring anyway")
}
