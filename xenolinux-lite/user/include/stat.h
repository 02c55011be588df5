/* struct stat and T_DIR/T_FILE/T_DEV, as fstat() reports them. */
#ifndef XL_USER_STAT_H
#define XL_USER_STAT_H
#include "../../include/abi/stat.h"
#endif
