#ifndef PARTNERGRAPH_CGRAPHVIZ_SHIM_H
#define PARTNERGRAPH_CGRAPHVIZ_SHIM_H

#include <gvc.h>
#include <stdio.h>
#include <stdlib.h>

/// Renders a laid-out graph into a `malloc`ed buffer through `open_memstream`
/// and `gvRender`, so the caller never sees `gvRenderData`'s length type
/// (`unsigned int *` in Graphviz 2.43, `size_t *` in later releases).
///
/// On success returns 0 and stores the buffer (release with `free`) and its
/// length. On failure returns the non-zero `gvRender` result (or -2 when the
/// memory stream could not be opened) and stores `NULL` / 0.
static inline int pg_render_to_memory(GVC_t *gvc, Agraph_t *graph, const char *format,
                                      char **data, size_t *length) {
    char *buffer = NULL;
    size_t size = 0;
    *data = NULL;
    *length = 0;
    FILE *stream = open_memstream(&buffer, &size);
    if (stream == NULL) {
        return -2;
    }
    int status = gvRender(gvc, graph, format, stream);
    if (fclose(stream) != 0 && status == 0) {
        status = -3;
    }
    if (status != 0) {
        free(buffer);
        return status;
    }
    *data = buffer;
    *length = size;
    return 0;
}

/// Puts the C library's two process-wide random generators back into the
/// state a fresh process starts with: `rand` (used by fdp's force loop and by
/// sfdp) as after `srand(1)`, and `drand48` (used by neato and fdp's initial
/// placement) at its documented initial value 0x1234ABCD330E. A layout then
/// no longer depends on the layouts before it in this process.
static inline void pg_reset_random_state(void) {
    unsigned short initial[3] = { 0x330E, 0xABCD, 0x1234 };
    srand(1);
    (void)seed48(initial);
}

/// The size in pixels that cairo will allocate for a bitmap of the laid-out
/// `graph`, as Graphviz's `init_job_viewport` computes it: the bounding box
/// plus `pad` (4 points unless set) on each side, scaled down to fit `size`
/// (or up, with `size="…!"`), at the graph's `dpi` or `default_dpi`.
static inline void pg_bitmap_size(Agraph_t *graph, double default_dpi, double *width, double *height) {
    boxf bb = GD_bb(graph);
    double pad = 4;
    char *text = agget(graph, "pad");
    if (text != NULL && *text != '\0') {
        pad = atof(text) * 72;
    }
    double sx = bb.UR.x - bb.LL.x + 2 * pad;
    double sy = bb.UR.y - bb.LL.y + 2 * pad;
    double zoom = 1;
    double dpi = default_dpi;
    layout_t *drawing = GD_drawing(graph);
    if (drawing != NULL) {
        if (drawing->size.x > 0.001 && drawing->size.y > 0.001 &&
            (drawing->size.x < sx || drawing->size.y < sy ||
             (drawing->filled && drawing->size.x > sx && drawing->size.y > sy))) {
            double zx = drawing->size.x / sx, zy = drawing->size.y / sy;
            zoom = zx < zy ? zx : zy;
        }
        if (drawing->dpi > 0) {
            dpi = drawing->dpi;
        }
    }
    *width = sx * zoom * dpi / 72;
    *height = sy * zoom * dpi / 72;
}

/// Frees memory that Graphviz allocated with `malloc` (for example the string
/// returned by `aglasterr`).
static inline void pg_free(void *pointer) {
    free(pointer);
}

#endif
