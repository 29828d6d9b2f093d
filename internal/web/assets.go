package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// assets maps a static file name to its content-hash URL, so browsers can
// cache forever and still never see a stale file after an upgrade.
type assets struct {
	urls   map[string]string // "app.css" → "/static/3f2a…/app.css"
	byHash map[string]string // "3f2a…/app.css" → "app.css"
}

func loadAssets() (*assets, error) {
	a := &assets{urls: map[string]string{}, byHash: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := strings.TrimPrefix(path, "static/")
		key := hex.EncodeToString(sum[:6]) + "/" + name
		a.urls[name] = "/static/" + key
		a.byHash[key] = name
		return nil
	})
	return a, err
}

// url is the template function `asset`.
func (a *assets) url(name string) string {
	if u, ok := a.urls[name]; ok {
		return u
	}
	return "/static/missing/" + name
}

// serve answers /static/{hash}/{name}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("hash") + "/" + r.PathValue("name")
	name, ok := a.byHash[key]
	if !ok {
		http.NotFound(w, r)
		return
	}
	http.ServeFileFS(w, r, staticFS, "static/"+name)
}
