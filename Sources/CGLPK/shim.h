// The GLPK C API, as installed by Debian's libglpk-dev. Only the LodeGLPK module imports this.
#include <glpk.h>
