package httpx

import "net/http"

// MaxFormBody bounds the body of every route that declares no larger
// limit: far above any text form, far below what fills a disk.
const MaxFormBody = 1 << 20

// LimitBody bounds a request's body and, when the handler returns, removes
// the temporary files of a multipart form it parsed (bodies past the
// in-memory limit are spooled to $TMPDIR/multipart-*). The server's own
// cleanup only sees the request it created, and every middleware that
// adds to the context passes on a copy, so this must wrap the route's
// handler itself: the request it sees is the one the handler parses.
func LimitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		defer func() {
			if r.MultipartForm != nil {
				_ = r.MultipartForm.RemoveAll()
			}
		}()
		next.ServeHTTP(w, r)
	})
}
