# iprange match (revision 1)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m iprange --src-range 1.2.3.4-1.2.3.9;=
-m iprange ! --dst-range 1.2.3.4-1.2.3.9 --src-range 1.1.1.1-1.1.1.1;-m iprange --src-range 1.1.1.1-1.1.1.1 ! --dst-range 1.2.3.4-1.2.3.9
-m iprange --src-range 1.1.1.1-1.1.1.1 ! --dst-range 1.2.3.4-1.2.3.9;=
-m iprange --src-range 1.2.3.4;-m iprange --src-range 1.2.3.4-1.2.3.4
-m iprange --src-range 1.2.3.9-1.2.3.4;=
-m iprange --src-range 1.2.3.4-foo;FAIL;iprange: Bad value for "--src-range" option: "foo"
-m iprange --src-range 1.2.3.4-;FAIL;iprange: Bad value for "--src-range" option: ""
-m iprange --dst-range 10.0.0.0-10.255.255.255;=
-m iprange;FAIL;iprange match: You must specify `--src-range' or `--dst-range'
-m iprange --src-range 01.2.3.4-1.2.3.5;-m iprange --src-range 1.2.3.4-1.2.3.5
-m iprange --src-range 1.2.3.4-1.2.3.5 --src-range 1.2.3.6-1.2.3.7;FAIL;iprange: option "--src-range" can only be used once.
-m iprange --src-range ::1-::2;FAIL;iprange: Bad value for "--src-range" option: "::1"
-6
*filter
:INPUT,FORWARD,OUTPUT
-m iprange --src-range ::1-::5;=
-m iprange --src-range 2001:DB8::1-2001:db8::ff;-m iprange --src-range 2001:db8::1-2001:db8::ff
-m iprange ! --dst-range 2001:db8::-2001:db8::ffff:ffff;=
-m iprange --src-range 1.2.3.4-1.2.3.5;FAIL;iprange: Bad value for "--src-range" option: "1.2.3.4"
# packets (PREROUTING: any destination arrives there)
-4
*mangle
:PREROUTING
-m iprange --src-range 10.77.0.1-10.77.0.9;=
>proto=udp;match
>proto=udp src=10.77.0.10;nomatch
-m iprange ! --dst-range 10.77.0.0-10.77.0.1;=
>proto=udp;match
>proto=udp dst=10.77.0.1;nomatch
-6
*mangle
:PREROUTING
-m iprange --dst-range fd77::2-fd77::ff;=
>proto=udp;match
>proto=udp dst=fd77::100;nomatch
