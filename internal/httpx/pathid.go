package httpx

import (
	"net/http"
	"strconv"

	"github.com/afterward/afterward/internal/errs"
)

// ErrBadPathID is what PathID returns for a path id that is missing, not a
// number or not positive: errs.NotFound, so pages answer their 404 page and
// the API its problem+json, exactly as for an id that names nothing.
var ErrBadPathID = errs.NotFoundf("not found")

// PathID parses the positive integer id in the route's path parameter
// name. Every handler reads ids through it, so a malformed id is always
// a not found, never a 500 or a silent 0.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrBadPathID
	}
	return id, nil
}
