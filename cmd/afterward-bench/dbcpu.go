package main

import (
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// On PostgreSQL the database server's processes share the machine's cores
// with this one, so a page's cost to the machine is this process's CPU
// plus theirs. databaseCPU reads theirs from /proc when the server runs on
// this machine (a loopback URL); elsewhere it reports nothing.

// clockTicks is Linux's USER_HZ, the unit of /proc/PID/stat's times (100
// on every architecture Go supports on Linux).
const clockTicks = 100

// databaseCPU returns the CPU time used so far by the PostgreSQL processes
// of this machine, and false when there are none to read (SQLite, a remote
// server, no /proc). Backends that exited are counted through their
// parent's reaped-children times.
func databaseCPU(engine, postgresURL string) (time.Duration, bool) {
	if engine != "postgres" || !loopback(postgresURL) {
		return 0, false
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int64
	found := false
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // the process exited meanwhile
		}
		st, ok := parseStat(string(b))
		if !ok || st.comm != "postgres" {
			continue
		}
		found = true
		ticks += st.utime + st.stime + st.cutime + st.cstime
	}
	return time.Duration(ticks) * time.Second / clockTicks, found
}

// procStat is what databaseCPU reads of one /proc/PID/stat line.
type procStat struct {
	comm                         string
	utime, stime, cutime, cstime int64
}

// parseStat reads a /proc/PID/stat line: the command name is between the
// first "(" and the last ")" (it may hold spaces and parentheses), and
// the times are fields 14–17 counting from the process id.
func parseStat(line string) (procStat, bool) {
	open, end := strings.IndexByte(line, '('), strings.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return procStat{}, false
	}
	f := strings.Fields(line[end+1:]) // from field 3, the state
	if len(f) < 15 {
		return procStat{}, false
	}
	st := procStat{comm: line[open+1 : end]}
	for i, dst := range []*int64{&st.utime, &st.stime, &st.cutime, &st.cstime} {
		v, err := strconv.ParseInt(f[11+i], 10, 64)
		if err != nil {
			return procStat{}, false
		}
		*dst = v
	}
	return st, true
}

// loopback reports whether a PostgreSQL URL names this machine.
func loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "" || host == "localhost" || strings.HasPrefix(host, "/") {
		return true // no host: a local Unix socket
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
