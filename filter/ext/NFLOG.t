# NFLOG target
-4
*filter
:INPUT,FORWARD,OUTPUT
-j NFLOG;=
-j NFLOG --nflog-group 1;=
-j NFLOG --nflog-group 65535;=
-j NFLOG --nflog-group 65536;FAIL;NFLOG: bad value for option "--nflog-group", or out of range (0-65535).
-j NFLOG --nflog-prefix foo;=
-j NFLOG --nflog-prefix "a b";=
-j NFLOG --nflog-range 64;=
-j NFLOG --nflog-size 64;=
-j NFLOG --nflog-size 0;=
-j NFLOG --nflog-threshold 10;=
-j NFLOG --nflog-threshold 1;=
-j NFLOG --nflog-threshold 0;-j NFLOG
-j NFLOG --nflog-group 2 --nflog-prefix x --nflog-size 100 --nflog-threshold 5;-j NFLOG --nflog-prefix x --nflog-group 2 --nflog-size 100 --nflog-threshold 5
-j NFLOG --nflog-threshold 5 --nflog-size 100 --nflog-prefix x --nflog-group 2;-j NFLOG --nflog-prefix x --nflog-group 2 --nflog-size 100 --nflog-threshold 5
-j NFLOG --nflog-prefix aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;-j NFLOG --nflog-prefix aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
-j NFLOG --nflog-prefix "";FAIL;Argument must have a minimum length of 1 characters
-j NFLOG --nflog-range 1 --nflog-size 2;FAIL;warn: --nflog-range has never worked and is no longer supported, please use --nflog-size instead
-j NFLOG --nflog-group 0;-j NFLOG
*mangle
:PREROUTING
-j NFLOG --nflog-group 3;=
*raw
:PREROUTING
-j NFLOG;=
-6
*filter
:INPUT
-j NFLOG --nflog-group 6 --nflog-prefix v6;-j NFLOG --nflog-prefix v6 --nflog-group 6
