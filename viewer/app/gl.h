// OpenGL 3.3 core declarations. Mesa's libGL exports every core entry point, so the prototypes
// are used directly; no loader library is needed.
#pragma once

#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
