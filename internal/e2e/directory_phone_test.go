package e2e_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/store"
)

// TestDirectoryOnPhone: at 360 px the directory's filters fold under one
// "Filters" toggle, so the first coach is on the first screen; tapping the
// toggle shows the filters; after choosing one they fold again and the
// toggle says how many are chosen.
func TestDirectoryOnPhone(t *testing.T) {
	srv := apptest.NewServer(t, store.SQLite)
	ctx := apptest.Browser(t)
	out := apptest.OutputDir(t, "directory-phone")
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	do(t, ctx, chromedp.Navigate(srv.URL+"/directory"), chromedp.WaitVisible(`.coach-list h3 a`))
	apptest.Screenshot(t, ctx, out, "1-folded")
	wantFolded(t, ctx)
	do(t, ctx, chromedp.Click(`details.filters > summary`), chromedp.WaitVisible(`#facet-substance a`))
	apptest.Screenshot(t, ctx, out, "2-filters")
	do(t, ctx, chromedp.Click(`#facet-substance a[href*="substance=psilocybin"]`))
	waitLocation(t, ctx, "substance=psilocybin")
	waitText(t, ctx, "details.filters > summary", "1 selected")
	apptest.Screenshot(t, ctx, out, "3-chosen")
	wantFolded(t, ctx)
}

// wantFolded checks the filters are folded and the first coach's name is
// on the first 740-px screen.
func wantFolded(t *testing.T, ctx context.Context) {
	t.Helper()
	open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("details.filters").open`))
	if err != nil {
		t.Fatal(err)
	}
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector(".coach-list h3 a").getBoundingClientRect().top`))
	if err != nil {
		t.Fatal(err)
	}
	if open || top > 740 {
		t.Fatalf("filters open = %v, first coach at y = %.0f px; want folded filters and the first coach on the first 740-px screen", open, top)
	}
}
