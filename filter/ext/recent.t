# recent match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m recent --set;-m recent --set --name DEFAULT --mask 255.255.255.255 --rsource
-m recent --set --name foo;-m recent --set --name foo --mask 255.255.255.255 --rsource
-m recent --set --name DEFAULT --rsource;-m recent --set --name DEFAULT --mask 255.255.255.255 --rsource
-m recent --set --name foo --rdest;-m recent --set --name foo --mask 255.255.255.255 --rdest
-m recent --rcheck --name foo;-m recent --rcheck --name foo --mask 255.255.255.255 --rsource
-m recent --update --seconds 60 --name foo;-m recent --update --seconds 60 --name foo --mask 255.255.255.255 --rsource
-m recent --update --seconds 60 --hitcount 4 --name foo --rsource;-m recent --update --seconds 60 --hitcount 4 --name foo --mask 255.255.255.255 --rsource
-m recent --rcheck --seconds 60 --reap --name foo;-m recent --rcheck --seconds 60 --reap --name foo --mask 255.255.255.255 --rsource
-m recent --rcheck --reap --name foo;FAIL;recent: option "--reap" also requires "--seconds".
-m recent --remove --name foo;-m recent --remove --name foo --mask 255.255.255.255 --rsource
-m recent ! --rcheck --name foo;-m recent ! --rcheck --name foo --mask 255.255.255.255 --rsource
-m recent --rcheck --rttl --name foo;-m recent --rcheck --rttl --name foo --mask 255.255.255.255 --rsource
-m recent --set --name foo --mask 255.255.255.0 --rsource;=
-m recent --set --name foo --mask 255.255.255.255;-m recent --set --name foo --mask 255.255.255.255 --rsource
-m recent --set --name foo --mask 0.0.0.0;-m recent --set --name foo --mask 0.0.0.0 --rsource
-m recent --set --name foo --mask 255.0.255.0;-m recent --set --name foo --mask 255.0.255.0 --rsource
-m recent --set --rcheck --name foo;FAIL;recent: option "--set" cannot be used together with "--rcheck".
-m recent --name foo;FAIL;recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'
-m recent --update --hitcount 0 --name foo;-m recent --update --name foo --mask 255.255.255.255 --rsource
-m recent --update --hitcount 21 --name foo;-m recent --update --hitcount 21 --name foo --mask 255.255.255.255 --rsource
-m recent --update --hitcount 20 --name foo;-m recent --update --hitcount 20 --name foo --mask 255.255.255.255 --rsource
-m recent --update --hitcount 256 --name foo;-m recent --update --hitcount 256 --name foo --mask 255.255.255.255 --rsource
-m recent --set --seconds 5 --name foo;FAIL;@commit
-m recent --set --reap --name foo;FAIL;recent: option "--reap" also requires "--seconds".
-m recent --rcheck --name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;-m recent --rcheck --name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --mask 255.255.255.255 --rsource
-m recent --rcheck --name foo/bar;FAIL;@commit
-m recent --rcheck --seconds 0 --name foo;FAIL;recent: bad value for option "--seconds", or out of range (1-4294967295).
-m recent --update --rsource --rdest --name x;-m recent --update --name x --mask 255.255.255.255 --rdest
-6
*filter
:INPUT
-m recent --set --name v6 --mask ffff:ffff:ffff:ffff::;-m recent --set --name v6 --mask ffff:ffff:ffff:ffff:: --rsource
-m recent --rcheck --seconds 10 --name v6 --rsource;-m recent --rcheck --seconds 10 --name v6 --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource
# packets: one rule sets and checks the same list, so each packet sees the stamps of those before it
-4
*mangle
:PREROUTING
-m recent --set --name pk1 --mask 255.255.255.255 --rsource -m recent --rcheck --hitcount 2 --name pk1 --mask 255.255.255.255 --rsource;=
>proto=udp;nomatch
>proto=udp;match
>proto=udp;match
-m recent --set --name pk2 --mask 255.255.255.255 --rsource -m recent ! --rcheck --hitcount 3 --name pk2 --mask 255.255.255.255 --rsource;=
>proto=udp;match
>proto=udp;match
>proto=udp;nomatch
-m recent --rcheck --name pk3 --mask 255.255.255.255 --rsource;=
>proto=udp;nomatch
-m recent --set --name pk4 --mask 255.255.255.0 --rdest -m recent --update --seconds 3600 --hitcount 2 --name pk4 --mask 255.255.255.0 --rdest;=
>proto=udp dst=10.77.0.2;nomatch
>proto=udp dst=10.77.0.99;match
>proto=udp dst=10.77.1.2;nomatch
# packets: --seconds windows (kernel only: nfctl eval has no clock)
-4
*mangle
:PREROUTING
-m recent --set --name pk5 --mask 255.255.255.255 --rsource -m recent --rcheck --seconds 1 --hitcount 2 --name pk5 --mask 255.255.255.255 --rsource;=
>proto=udp;nomatch;kernel
>proto=udp sleep=1.3;nomatch;kernel
>proto=udp;match;kernel
