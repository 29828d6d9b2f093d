package coach

// Facet names, as used in URLs, forms and JSON.
const (
	FacetSubstance = "substance"
	FacetContext   = "context"
	FacetModality  = "modality"
	FacetLanguage  = "language"
	FacetFormat    = "format"
	FacetLength    = "length"
	FacetFee       = "fee"
	FacetSliding   = "sliding"
	FacetVerified  = "verified"
	FacetAvailable = "available"
)

// Option is one value of a facet with its label.
type Option struct {
	Value, Label string
}

// TagFacet is a multi-valued profile field stored as bits of one mask. The
// lists are closed so a search reads one integer per coach; adding a value
// appends it (bits are positions, never reorder).
type TagFacet struct {
	Name, Label string
	Options     []Option
	offset      uint
}

var tagFacets = []TagFacet{
	{Name: FacetSubstance, Label: "Substance experience", offset: 0, Options: []Option{
		{"psilocybin", "Psilocybin"}, {"mdma", "MDMA"}, {"ketamine", "Ketamine"}, {"ayahuasca", "Ayahuasca"},
		{"lsd", "LSD"}, {"ibogaine", "Ibogaine"}, {"5meo_dmt", "5-MeO-DMT"}, {"mescaline", "Mescaline / peyote"},
		{"cannabis", "Cannabis"}, {"other", "Other"}}},
	{Name: FacetContext, Label: "Context", offset: 10, Options: []Option{
		{"clinical_trial", "Clinical trial"}, {"legal_service", "Legal service"}, {"ceremonial", "Ceremonial"}, {"personal", "Personal"}}},
	{Name: FacetModality, Label: "Modality", offset: 14, Options: []Option{
		{"talk", "Talk"}, {"journaling", "Journaling"}, {"art", "Art"}, {"movement", "Movement"}, {"somatic", "Somatic"}, {"nature", "Nature"}}},
	{Name: FacetFormat, Label: "Format", offset: 20, Options: []Option{
		{"video", "Video"}, {"in_person", "In person"}}},
	{Name: FacetLength, Label: "Session length", offset: 22, Options: []Option{
		{"60", "60 minutes"}, {"90", "90 minutes"}}},
	{Name: FacetLanguage, Label: "Language", offset: 24, Options: []Option{
		{"en", "English"}, {"es", "Spanish"}, {"fr", "French"}, {"de", "German"}, {"pt", "Portuguese"}, {"it", "Italian"},
		{"nl", "Dutch"}, {"ja", "Japanese"}, {"zh", "Chinese"}, {"ko", "Korean"}, {"ar", "Arabic"}, {"hi", "Hindi"},
		{"ru", "Russian"}, {"he", "Hebrew"}, {"sv", "Swedish"}, {"pl", "Polish"}}},
}

// TagFacets lists the multi-valued facets and their options.
func TagFacets() []TagFacet { return tagFacets }

// FeeRanges are the fee facet's buckets, in minor units of the currency.
var FeeRanges = []struct {
	Value, Label string
	Min, Max     int64 // Max is exclusive; 0 means no upper bound
}{
	{"under_100", "Under 100", 0, 100_00},
	{"100_150", "100–149", 100_00, 150_00},
	{"150_200", "150–199", 150_00, 200_00},
	{"200_plus", "200 and over", 200_00, 0},
}

func facetByName(name string) (TagFacet, bool) {
	for _, f := range tagFacets {
		if f.Name == name {
			return f, true
		}
	}
	return TagFacet{}, false
}

// tagBit is the mask bit of one facet value.
func tagBit(facet, value string) (int64, bool) {
	f, ok := facetByName(facet)
	if !ok {
		return 0, false
	}
	for i, o := range f.Options {
		if o.Value == value {
			return 1 << (f.offset + uint(i)), true
		}
	}
	return 0, false
}

// Label is a facet value's label, or the value itself.
func Label(facet, value string) string {
	f, _ := facetByName(facet)
	for _, o := range f.Options {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// Tags packs a profile's facet values into the stored mask.
func (p Profile) Tags() int64 {
	var mask int64
	for _, f := range tagFacets {
		for _, v := range p.values(f.Name) {
			if bit, ok := tagBit(f.Name, v); ok {
				mask |= bit
			}
		}
	}
	return mask
}

// setTags unpacks a stored mask into the profile's facet values.
func (p *Profile) setTags(mask int64) {
	for _, f := range tagFacets {
		var vals []string
		for i, o := range f.Options {
			if mask&(1<<(f.offset+uint(i))) != 0 {
				vals = append(vals, o.Value)
			}
		}
		p.setValues(f.Name, vals)
	}
}
