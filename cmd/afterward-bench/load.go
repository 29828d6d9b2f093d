package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// target describes the requests of one scenario: next fills in one
// request (it may vary the body), want is the status a success answers.
type target struct {
	next func(t *vegeta.Target) error
	want int
}

type measurement struct {
	rps        float64
	requests   uint64
	cpuPerReq  time.Duration // process CPU (server and load generator) per request
	runtime    runtimeCost   // allocation and the collector per request
	p50, p99   time.Duration
	errors     uint64
	firstError string
}

// attack drives closed-loop load: one worker per connection sends its next
// request as soon as the previous answer arrives, like wrk.
func attack(ctx context.Context, tg target, connections int, d time.Duration) measurement {
	n := uint64(connections)
	atk := vegeta.NewAttacker(vegeta.Workers(n), vegeta.MaxWorkers(n), vegeta.Connections(connections),
		vegeta.MaxConnections(connections), vegeta.KeepAlive(true), vegeta.Redirects(vegeta.NoFollow), vegeta.Timeout(30*time.Second))
	var m vegeta.Metrics
	var out measurement
	cpu0 := processCPU()
	rt0 := readRuntime()
	for res := range atk.Attack(tg.next, vegeta.Rate{}, d, "bench") {
		if ctx.Err() != nil {
			atk.Stop()
		}
		if int(res.Code) != tg.want {
			out.errors++
			if out.firstError == "" {
				out.firstError = fmt.Sprintf("status %d (want %d) %s %s", res.Code, tg.want, res.Error, firstBytes(res.Body, 300))
			}
		}
		m.Add(res)
	}
	m.Close()
	out.requests = m.Requests
	if m.Requests > 0 {
		out.cpuPerReq = (processCPU() - cpu0) / time.Duration(m.Requests)
		out.runtime = readRuntime().since(rt0, m.Requests)
	}
	out.p50, out.p99 = m.Latencies.P50, m.Latencies.P99
	if m.Duration > 0 {
		out.rps = float64(m.Requests) / (m.Duration + m.Wait).Seconds()
	}
	return out
}

func firstBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// helloRate is the reference: the same load against a bare net/http
// handler writing 13 bytes, served in this process.
func helloRate(ctx context.Context, connections int, d time.Duration) (measurement, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return measurement{}, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("Hello, World!"))
	})}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/"
	m := attack(ctx, target{want: http.StatusOK, next: func(t *vegeta.Target) error {
		t.Method, t.URL = http.MethodGet, url
		return nil
	}}, connections, d)
	if m.errors > 0 {
		return measurement{}, fmt.Errorf("the reference handler failed %d requests: %s", m.errors, m.firstError)
	}
	return m, nil
}

// runtimeCost is what the Go runtime spent per request: bytes and objects
// allocated, the collector's CPU (assists, its dedicated workers and the
// pauses; not the idle workers, which only fill time no goroutine wanted)
// and its cycles. The runtime estimates these CPU times from wall time, so
// on a loaded machine they run high. Like CPU per request it does not move with other programs'
// load; it counts the load generator's allocations too, which are the same
// for every build of the server.
type runtimeCost struct {
	allocBytes, allocObjects, gcCPU, gcCycles float64
}

var runtimeSamples = []string{
	"/gc/heap/allocs:bytes", "/gc/heap/allocs:objects",
	"/cpu/classes/gc/mark/assist:cpu-seconds", "/cpu/classes/gc/mark/dedicated:cpu-seconds",
	"/cpu/classes/gc/pause:cpu-seconds", "/gc/cycles/total:gc-cycles",
}

func readRuntime() runtimeCost {
	s := make([]metrics.Sample, len(runtimeSamples))
	for i, name := range runtimeSamples {
		s[i].Name = name
	}
	metrics.Read(s)
	v := make([]float64, len(s))
	for i := range s {
		switch s[i].Value.Kind() {
		case metrics.KindUint64:
			v[i] = float64(s[i].Value.Uint64())
		case metrics.KindFloat64:
			v[i] = s[i].Value.Float64()
		}
	}
	return runtimeCost{allocBytes: v[0], allocObjects: v[1], gcCPU: v[2] + v[3] + v[4], gcCycles: v[5]}
}

// since is the cost from r0 to r divided over n requests (the collector's
// CPU in microseconds; cycles per thousand requests).
func (r runtimeCost) since(r0 runtimeCost, n uint64) runtimeCost {
	f := float64(n)
	return runtimeCost{
		allocBytes:   (r.allocBytes - r0.allocBytes) / f,
		allocObjects: (r.allocObjects - r0.allocObjects) / f,
		gcCPU:        (r.gcCPU - r0.gcCPU) * 1e6 / f,
		gcCycles:     (r.gcCycles - r0.gcCycles) * 1000 / f,
	}
}

// processCPU is the CPU time this process has used (user and system).
// CPU per request does not depend on how many other programs share the
// cores, which requests per second does: on a shared machine it is the
// figure to compare.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rssSampler records the process's peak resident memory while the server
// is under load (VmRSS every 100 ms; the build of the practice is over).
type rssSampler struct {
	stopc chan struct{}
	done  chan struct{}
	peak  atomic.Int64
}

func sampleRSS() *rssSampler {
	s := &rssSampler{stopc: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := currentRSS(); v > s.peak.Load() {
				s.peak.Store(v)
			}
			select {
			case <-s.stopc:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() int64 {
	close(s.stopc)
	<-s.done
	return s.peak.Load()
}

var rssOnce sync.Once

// currentRSS reads VmRSS from /proc (Linux); 0 elsewhere.
func currentRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		rssOnce.Do(func() { fmt.Fprintln(os.Stderr, "afterward-bench: resident memory is not available on this system") })
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte("VmRSS:")) {
			continue
		}
		fields := bytes.Fields(line[len("VmRSS:"):])
		if len(fields) > 0 {
			kb, _ := strconv.ParseInt(string(fields[0]), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// freeMemory returns the build's garbage to the OS so it does not count
// as the server's memory.
func freeMemory() { debug.FreeOSMemory() }
